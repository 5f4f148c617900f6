import { normalizeLabel } from "#annotation"
import { sliceCodePoints } from "#text"
import { UnknownFamily, UnknownGoldType } from "./errors.ts"
import type { ErrorMention, Evaluation } from "#schema"
import { labelMapVersion, mapLabel } from "./labels.ts"
import { scoreMentions, scoreOf } from "./score.ts"
import type { CoreType } from "#schema"
import { evaluatedTypesOf, goldTypeMapVersion, goldTypesOf } from "./types.ts"

/** One sentence of a gold set with an annotator's mentions of it; offsets in code points, end exclusive. */
export interface ComparedSentence {
  readonly id: string
  readonly text: string
  readonly gold: ReadonlyArray<{ readonly start: number; readonly end: number; readonly type: string }>
  readonly predicted: ReadonlyArray<{ readonly start: number; readonly end: number; readonly label: string }>
}

const topLabels = 50

/** Counts in a Map, not an object: a label is any string, "__proto__" included. */
const increment = (counts: Map<string, number>, key: string) => {
  counts.set(key, (counts.get(key) ?? 0) + 1)
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole)

/** Labels by count, most frequent first, ties in code-unit order of the label. */
const setAside = (labels: Map<string, number>, predicted: number) => {
  const entries = [...labels].map(([label, count]) => ({ label, count }))
  entries.sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
  const mentions = entries.reduce((total, entry) => total + entry.count, 0)
  return { mentions, share: share(mentions, predicted), distinctLabels: entries.length, labels: entries.slice(0, topLabels) }
}

const byPosition = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start - b.start || a.end - b.end

/**
 * An annotator's labels against a gold set. Gold types go through the family's map and labels through `mapLabel`;
 * a mention whose core type the family does not evaluate is dropped from both typed and span-only scoring. A
 * prediction whose label is unmapped or names no core type is left out of typed scoring but kept in span-only
 * scoring, which so measures where the annotator found mentions whatever it called them.
 *
 * @throws UnknownFamily when the family is not in `gold-types.json`
 * @throws UnknownGoldType when a gold type is not in the family's map
 */
export const compare = (input: { readonly family: string; readonly sentences: ReadonlyArray<ComparedSentence> }): Evaluation => {
  const goldTypes = goldTypesOf(input.family)
  if (goldTypes === undefined) throw new UnknownFamily({ family: input.family })
  const types = evaluatedTypesOf(goldTypes)
  const evaluated = (type: CoreType | null | "unmapped"): type is CoreType =>
    type !== null && type !== "unmapped" && types.includes(type)

  const gold: Array<ErrorMention> = []
  const typed: Array<ErrorMention> = []
  /** Every prediction span-only scoring sees; `type` holds the label, which span-only scoring ignores. */
  const located: Array<{ sentence: string; start: number; end: number; type: string; text: string }> = []
  const droppedGold = new Map<string, number>()
  const droppedPredicted = new Map<string, number>()
  const unmapped = new Map<string, number>()
  const notCore = new Map<string, number>()
  let goldMentions = 0
  let predictedMentions = 0

  for (const sentence of input.sentences) {
    const textOf = (mention: { start: number; end: number }) => sliceCodePoints(sentence.text, mention.start, mention.end)
    for (const mention of [...sentence.gold].sort(byPosition)) {
      goldMentions++
      if (!Object.hasOwn(goldTypes, mention.type)) {
        throw new UnknownGoldType({ family: input.family, type: mention.type, sentence: sentence.id })
      }
      const type = goldTypes[mention.type]
      if (!evaluated(type)) {
        increment(droppedGold, mention.type)
        continue
      }
      gold.push({ sentence: sentence.id, start: mention.start, end: mention.end, type, label: mention.type, text: textOf(mention) })
    }
    for (const mention of [...sentence.predicted].sort(byPosition)) {
      predictedMentions++
      const type = mapLabel(mention.label)
      if (type !== null && type !== "unmapped" && !evaluated(type)) {
        increment(droppedPredicted, type)
        continue
      }
      const found = { sentence: sentence.id, start: mention.start, end: mention.end, text: textOf(mention) }
      if (type === "unmapped") increment(unmapped, normalizeLabel(mention.label))
      else if (type === null) increment(notCore, normalizeLabel(mention.label))
      else typed.push({ ...found, type, label: mention.label })
      located.push({ ...found, type: mention.label })
    }
  }

  const scores = scoreMentions(gold, typed)
  const spanOnly = scoreMentions(gold, located)
  return {
    family: input.family,
    goldTypeMapVersion,
    labelMapVersion,
    types,
    counts: { sentences: input.sentences.length, goldMentions, predictedMentions },
    dropped: { gold: Object.fromEntries(droppedGold), predicted: Object.fromEntries(droppedPredicted) },
    unmapped: setAside(unmapped, predictedMentions),
    notCore: setAside(notCore, predictedMentions),
    scores: {
      overall: scores.overall,
      // Every evaluated type, also one neither side has (SeqScore lists only the types it saw).
      types: Object.fromEntries(types.map((type) => [type, scores.types[type] ?? scoreOf(0, 0, 0)])),
      span: spanOnly.span
    },
    errors: { falsePositives: scores.falsePositives, falseNegatives: scores.falseNegatives }
  }
}
