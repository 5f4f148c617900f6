import { type Score, scoreOf } from "./score.ts"

/** What pooling reads of a gold set's evaluation: its typed scores, overall and per type, and its span-only score. */
export interface PoolableSet {
  readonly scores: {
    readonly overall: Score
    readonly types: Readonly<Record<string, Score>>
    readonly span: Score
  }
}

const pool = (scores: ReadonlyArray<Score>): Score =>
  scoreOf(
    scores.reduce((total, score) => total + score.reference, 0),
    scores.reduce((total, score) => total + score.predicted, 0),
    scores.reduce((total, score) => total + score.correct, 0)
  )

/**
 * Several gold sets scored as one (micro): reference, predicted and correct summed per type over the sets that
 * evaluate the type, then P/R/F1 of the sums, as if the sets were one file; `overall` and `span` pool the sets'
 * own overall and span-only scores the same way. This is not the mean of the sets' F1: a large set weighs more.
 * Types come in the order the sets first name them.
 */
export const poolScores = (sets: ReadonlyArray<PoolableSet>): { overall: Score; types: Record<string, Score>; span: Score } => {
  const byType = new Map<string, Array<Score>>()
  for (const set of sets) {
    for (const [type, score] of Object.entries(set.scores.types)) byType.set(type, [...(byType.get(type) ?? []), score])
  }
  return {
    overall: pool(sets.map((set) => set.scores.overall)),
    types: Object.fromEntries([...byType].map(([type, scores]) => [type, pool(scores)])),
    span: pool(sets.map((set) => set.scores.span))
  }
}
