/** A mention in a sentence, at offsets both sides share (code points or tokens), end exclusive. */
export interface Mention {
  readonly sentence: string
  readonly start: number
  readonly end: number
  readonly type: string
  readonly text: string
}

/** SeqScore's columns for one type or for all: reference, predicted and correct mentions, and P/R/F1 as ratios. */
export interface Score {
  readonly reference: number
  readonly predicted: number
  readonly correct: number
  readonly precision: number
  readonly recall: number
  readonly f1: number
}

export interface Scores<M extends Mention = Mention> {
  /** Exact span and type, micro-averaged over all types (SeqScore's ALL). */
  readonly overall: Score
  /** Exact span and type, per type, types in code-unit order. */
  readonly types: Record<string, Score>
  /** Exact span, type ignored. */
  readonly span: Score
  /** Predicted mentions with no equal gold mention, and gold mentions with no equal prediction, in input order. */
  readonly falsePositives: Array<M>
  readonly falseNegatives: Array<M>
}

/** P/R/F1 computed as SeqScore computes them, in the same order of operations, 0 where it would divide by 0. */
export const scoreOf = (reference: number, predicted: number, correct: number): Score => {
  const precision = predicted === 0 ? 0 : correct / predicted
  const recall = reference === 0 ? 0 : correct / reference
  const f1 = precision === 0 || recall === 0 ? 0 : 2 * (precision * recall) / (precision + recall)
  return { reference, predicted, correct, precision, recall, f1 }
}

const typedKey = (mention: Mention) => JSON.stringify([mention.sentence, mention.start, mention.end, mention.type])
const spanKey = (mention: Mention) => JSON.stringify([mention.sentence, mention.start, mention.end])

/** Mentions by key, a repeated one kept once (the first), as SeqScore scores a sentence's mentions as a set. */
const distinct = <M extends Mention>(mentions: ReadonlyArray<M>, key: (mention: M) => string): Map<string, M> => {
  const found = new Map<string, M>()
  for (const mention of mentions) if (!found.has(key(mention))) found.set(key(mention), mention)
  return found
}

interface Tally {
  reference: number
  predicted: number
  correct: number
}

/**
 * Mention-level scores with SeqScore's (and conlleval's) semantics: a predicted mention is correct when a gold
 * mention of the same sentence has the same start, end and type. Each side is a set: a mention listed twice
 * counts once.
 */
export const scoreMentions = <M extends Mention>(gold: ReadonlyArray<M>, predicted: ReadonlyArray<M>): Scores<M> => {
  const goldMentions = distinct(gold, typedKey)
  const predictedMentions = distinct(predicted, typedKey)
  const tallies = new Map<string, Tally>()
  const tallyOf = (type: string) => {
    const known = tallies.get(type)
    if (known !== undefined) return known
    const fresh = { reference: 0, predicted: 0, correct: 0 }
    tallies.set(type, fresh)
    return fresh
  }
  const falsePositives: Array<M> = []
  const falseNegatives: Array<M> = []
  for (const [key, mention] of predictedMentions) {
    const tally = tallyOf(mention.type)
    tally.predicted++
    if (goldMentions.has(key)) tally.correct++
    else falsePositives.push(mention)
  }
  for (const [key, mention] of goldMentions) {
    tallyOf(mention.type).reference++
    if (!predictedMentions.has(key)) falseNegatives.push(mention)
  }
  const all = [...tallies.values()]
  const sum = (field: keyof Tally) => all.reduce((total, tally) => total + tally[field], 0)
  const goldSpans = distinct(gold, spanKey)
  const predictedSpans = distinct(predicted, spanKey)
  const correctSpans = [...predictedSpans.keys()].filter((key) => goldSpans.has(key)).length
  return {
    overall: scoreOf(sum("reference"), sum("predicted"), sum("correct")),
    types: Object.fromEntries(
      [...tallies.keys()].sort().map((type) => {
        const { correct, predicted, reference } = tallyOf(type)
        return [type, scoreOf(reference, predicted, correct)]
      })
    ),
    span: scoreOf(goldSpans.size, predictedSpans.size, correctSpans),
    falsePositives,
    falseNegatives
  }
}
