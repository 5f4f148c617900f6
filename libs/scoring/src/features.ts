import { bareWord, sentenceWords, type Writing } from "#text"

/**
 * The scorer's input features, in the order of the model's `features` tensor (and of `scorer.json`). Each is in
 * [0, 1] and means the same in every script.
 */
export const FEATURE_NAMES = [
  /** ln(1 + words) / ln(257), capped at 1: 1 at the 256-word passage length. Words as #text counts them. */
  "words",
  /** Letters and combining marks (\p{L}, \p{M}) among non-space characters. */
  "letters",
  /** Punctuation (\p{P}) among non-space characters. */
  "punctuation",
  /** Symbols (\p{S}: currency, maths, arrows, emoji) among non-space characters. */
  "symbols",
  /** Mean type/token ratio over 50-word windows (the whole text when shorter): low when words repeat. */
  "variety",
  /** Line breaks per word, capped at 1: high for menus, lists and tables. */
  "lines",
  /** Words starting with a capital (\p{Lu}, \p{Lt}) that do not open a sentence, per word: a sign of names. */
  "capitalised",
  /** Words holding a digit (\p{N}), per word: years and dates in moderation, tables when high. */
  "numeric"
] as const

export type FeatureName = typeof FEATURE_NAMES[number]

const PASSAGE_WORDS = 256
const VARIETY_WINDOW = 50

const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0

/** Mean segmental type/token ratio, which unlike the plain ratio does not fall as a passage grows. */
const variety = (words: ReadonlyArray<string>): number => {
  if (words.length === 0) return 0
  if (words.length <= VARIETY_WINDOW) return new Set(words).size / words.length
  const windows = Math.floor(words.length / VARIETY_WINDOW)
  let sum = 0
  for (let w = 0; w < windows; w++) {
    sum += new Set(words.slice(w * VARIETY_WINDOW, (w + 1) * VARIETY_WINDOW)).size / VARIETY_WINDOW
  }
  return sum / windows
}

/**
 * The features of one passage written in `writing`, in `FEATURE_NAMES` order. Words, and which of them open a
 * sentence, come from #text; each word is compared without the punctuation around it ("Berlin." is "Berlin").
 */
export const passageFeatures = (text: string, writing: Writing): Float32Array => {
  const words = sentenceWords(text, writing).map((word) => ({
    text: bareWord(text.slice(word.start, word.end)),
    opensSentence: word.opensSentence
  }))
  const characters = count(text, /\S/gu)
  const perCharacter = (n: number) => characters === 0 ? 0 : n / characters
  const perWord = (n: number) => words.length === 0 ? 0 : n / words.length
  const capitalised = words.filter((word) => !word.opensSentence && /^[\p{Lu}\p{Lt}]/u.test(word.text)).length
  const numeric = words.filter((word) => /\p{N}/u.test(word.text)).length
  return Float32Array.of(
    Math.min(1, Math.log1p(words.length) / Math.log1p(PASSAGE_WORDS)),
    perCharacter(count(text, /[\p{L}\p{M}]/gu)),
    perCharacter(count(text, /\p{P}/gu)),
    perCharacter(count(text, /\p{S}/gu)),
    variety(words.map((word) => word.text.toLowerCase())),
    Math.min(1, perWord(count(text, /\n/gu))),
    perWord(capitalised),
    perWord(numeric)
  )
}
