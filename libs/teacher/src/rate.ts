import { wordSpans, writingOf } from "#text"
import { annotate } from "./annotate.ts"

/** The rater's answer, as the teacher writes it. */
export interface UsefulnessVerdict {
  readonly justification: string
  readonly score: number
}

/** A kind of noise the rule looks for, and the test that finds it. */
interface Noise {
  readonly name: string
  readonly found: (text: string, words: number) => boolean
}

const share = (text: string, pattern: RegExp) => {
  const characters = text.match(/\S/gu)?.length ?? 0
  return characters === 0 ? 0 : (text.match(pattern)?.length ?? 0) / characters
}

/** Lines of fewer than four words make up most of a text of three lines or more: a menu, a list, a table. */
const listLike = (text: string, lang: string) => {
  const lines = text.split("\n").filter((line) => line.trim() !== "")
  const writing = writingOf(lang)
  return lines.length >= 3 && lines.filter((line) => wordSpans(line, writing).length < 4).length * 2 > lines.length
}

const noises = (lang: string): ReadonlyArray<Noise> => [
  { name: "links", found: (text) => /https?:\/\/|www\./iu.test(text) },
  { name: "many digits", found: (text) => share(text, /\p{N}/gu) > 0.15 },
  { name: "many symbols", found: (text) => share(text, /\p{S}/gu) > 0.03 },
  { name: "short lines", found: (text) => listLike(text, lang) },
  { name: "a fragment", found: (_, words) => words < 20 }
]

/**
 * The teacher's NER-usefulness rating of a passage on the paper's additive 1-4 scale, from what its own annotate
 * rules find (distinct mentions and distinct types) and from noise (links, digits over 15% or symbols over 3% of the
 * non-space characters, mostly lines under four words, under 20 words in all). It starts at 1 and adds a point for
 * each criterion met, in order:
 * - 2: no noise and at least 2 distinct mentions (clean text with identifiable entities);
 * - 3: at least 4 distinct mentions of at least 2 types (diverse entities);
 * - 4: at least 8 distinct mentions of at least 3 types, at least 3 mentions per 100 words (rich).
 * A rule-based stand-in: it knows only the names its gazetteers, date and proper-name rules know.
 */
export const rateUsefulness = (text: string, lang: string): UsefulnessVerdict => {
  const words = wordSpans(text, writingOf(lang)).length
  const finds = annotate(text, lang)
  const mentions = new Set(finds.map((find) => find.mention)).size
  const types = [...new Set(finds.map((find) => find.label))].sort()
  const noise = noises(lang).filter((kind) => kind.found(text, words)).map((kind) => kind.name)
  const clean = noise.length === 0 && mentions >= 2
  const diverse = clean && mentions >= 4 && types.length >= 2
  const rich = diverse && mentions >= 8 && types.length >= 3 && finds.length * 100 >= 3 * words
  const score = 1 + [clean, diverse, rich].filter(Boolean).length
  const found = mentions === 0
    ? "no entities found"
    : `${mentions} distinct ${mentions === 1 ? "entity" : "entities"} of ${types.length} ` +
      `${types.length === 1 ? "type" : "types"} (${types.join(", ")})`
  const justification = `${found} in ${words} words; ` +
    (noise.length === 0 ? "no noise found" : `noise: ${noise.join(", ")}`) +
    " (offline teacher: a rule-based stand-in, not an LLM)"
  return { justification, score }
}
