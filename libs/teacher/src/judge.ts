import type { JudgedMention } from "#schema"
import { annotate } from "./annotate.ts"

type Pair = typeof JudgedMention.Type

/** The judge's answer, as the teacher writes it (the caller adds the passage id). */
export interface Verdict {
  readonly faithfulness: number
  readonly completeness: number
  readonly missing: ReadonlyArray<Pair>
  readonly extra: ReadonlyArray<Pair>
  readonly wrong: ReadonlyArray<Pair>
}

/** 5 with no errors, 1 at worst: `max(1, 5 - round(4 * errors / max(1, total)))`, rounding halves up. */
export const rating = (errors: number, total: number): number =>
  Math.max(1, 5 - Math.round((4 * errors) / Math.max(1, total)))

const distinct = (pairs: ReadonlyArray<Pair>): Array<Pair> => {
  const seen = new Set<string>()
  return pairs.flatMap((pair) => {
    const key = JSON.stringify([pair.mention, pair.label])
    if (seen.has(key)) return []
    seen.add(key)
    return [{ mention: pair.mention, label: pair.label }]
  })
}

/**
 * Judges `given` annotations of a passage against the teacher's own annotate rules. Both lists are taken as
 * distinct (mention, label) pairs.
 * - extra: given pairs whose mention does not occur in the passage;
 * - wrong: given pairs whose mention occurs, was found by the rules, and got another label from them;
 * - missing: the rules' pairs whose mention the given annotations do not name at all.
 * A given mention that occurs but that the rules did not find is neither: the rules cannot say it is wrong.
 * faithfulness = rating(extra + wrong, given); completeness = rating(missing, found).
 */
export const judge = (text: string, lang: string, given: ReadonlyArray<Pair>): Verdict => {
  const annotations = distinct(given)
  const found = distinct(annotate(text, lang))
  const ruleLabel = new Map<string, string>()
  for (const pair of found) if (!ruleLabel.has(pair.mention)) ruleLabel.set(pair.mention, pair.label)
  const extra = annotations.filter((pair) => !text.includes(pair.mention))
  const wrong = annotations.filter((pair) => {
    const label = ruleLabel.get(pair.mention)
    return text.includes(pair.mention) && label !== undefined && label !== pair.label
  })
  const givenMentions = new Set(annotations.map((pair) => pair.mention))
  const missing = found.filter((pair) => !givenMentions.has(pair.mention))
  return {
    faithfulness: rating(extra.length + wrong.length, annotations.length),
    completeness: rating(missing.length, found.length),
    missing,
    extra,
    wrong
  }
}
