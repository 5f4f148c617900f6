import { forwardSparse, type Mlp } from "./mlp.ts"
import { type BinaryScores, binaryScores, macro } from "./metrics.ts"
import type { SparseVector } from "#scoring"

/** A passage to score: its language, features and whether its rating makes it useful (score >= 3). */
export interface Scored {
  readonly language: string
  readonly x: SparseVector
  readonly useful: boolean
}

/** Binary scores per language, their macro average over the languages where each is defined, and over all. */
export interface Report {
  readonly perLanguage: Record<string, BinaryScores>
  readonly macro: { readonly precision: number | null; readonly recall: number | null; readonly f1: number | null }
  readonly overall: BinaryScores
}

/** Scores the network's predictions above `threshold` against the ratings, per language (in code order) and macro. */
export const report = (mlp: Mlp, items: ReadonlyArray<Scored>, threshold: number): Report => {
  const predicted = items.map((item) => forwardSparse(mlp, item.x) > threshold)
  const languages = [...new Set(items.map((item) => item.language))].sort()
  const perLanguage = Object.fromEntries(languages.map((language) => {
    const rows = items.flatMap((item, i) => (item.language === language ? [i] : []))
    return [language, binaryScores(rows.map((i) => predicted[i]), rows.map((i) => items[i].useful))]
  }))
  const scores = Object.values(perLanguage)
  return {
    perLanguage,
    macro: {
      precision: macro(scores.map((s) => s.precision)),
      recall: macro(scores.map((s) => s.recall)),
      f1: macro(scores.map((s) => s.f1))
    },
    overall: binaryScores(predicted, items.map((item) => item.useful))
  }
}
