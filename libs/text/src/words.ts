import { segmenter } from "./internal/segmenters.ts"
import { startsCodePoint } from "./internal/surrogates.ts"

/** How a language's text is cut into words: on white space, or by ICU's word rules (`Intl.Segmenter`). */
export const wordSplittings = ["space", "segmenter"] as const
export type WordSplitting = typeof wordSplittings[number]

/** How a language is written, as every text user needs it: its word splitting and its BCP 47 tag for ICU. */
export interface Writing {
  readonly words: WordSplitting
  readonly locale: string
}

/** A stretch of a text in UTF-16 units (JavaScript string indices), end exclusive. */
export interface TextSpan {
  readonly start: number
  readonly end: number
}

const wordClass = "\\p{L}\\p{M}\\p{N}"

/** A word character: a letter, a combining mark or a number. Use `.source` to build a pattern with the `u` flag. */
export const wordCharacter = new RegExp(`[${wordClass}]`, "u")

/** Scripts written without spaces between words (ISO 15924), which ICU's dictionaries cut into words. */
const unspacedScripts: ReadonlySet<string> = new Set(["Thai", "Laoo", "Khmr", "Mymr", "Jpan", "Hani", "Hans", "Hant"])

/** The ISO 15924 script of a BCP 47 tag: the tag's own, else the likely one ICU adds ("ja" -> Jpan, "ko" -> Kore). */
export const scriptOf = (tag: string): string => new Intl.Locale(tag).maximize().script ?? "Latn"

/** The writing of a BCP 47 tag, for callers that know nothing else of the language (the offline teacher). */
export const writingOf = (tag: string): Writing => ({
  words: unspacedScripts.has(scriptOf(tag)) ? "segmenter" : "space",
  locale: tag
})

// Runs between word separators: white space, and the Ethiopic wordspace "፡" (U+1361), which traditional Amharic
// and Tigrinya text (the UDHR's, for one) puts between words instead of a space.
const betweenSeparators = /[^\s\u1361]+/gu

/**
 * The words of a text, in order. `space`: maximal runs of non-white-space holding a word character (punctuation-only
 * runs such as "—" are not words), the Ethiopic wordspace counting as white space; `segmenter`: ICU's word-like
 * segments in the writing's locale.
 */
export const wordSpans = (text: string, writing: Writing): ReadonlyArray<TextSpan> =>
  writing.words === "space"
    ? Array.from(text.matchAll(betweenSeparators))
      .filter((match) => wordCharacter.test(match[0]))
      .map((match) => ({ start: match.index, end: match.index + match[0].length }))
    : Array.from(segmenter(writing.locale, "word").segment(text))
      .filter((segment) => segment.isWordLike === true)
      .map((segment) => ({ start: segment.index, end: segment.index + segment.segment.length }))

const edges = new RegExp(`^[^${wordClass}]+|[^${wordClass}]+$`, "gu")

/** A word without the quotes, brackets and punctuation around it: "(Berlin)." -> "Berlin". */
export const bareWord = (word: string): string => word.replace(edges, "")

/** Whether a word character starts at UTF-16 index `index` (false at the end and inside a surrogate pair). */
const wordCharacterAt = (text: string, index: number): boolean => {
  const codePoint = text.codePointAt(index)
  return codePoint !== undefined && wordCharacter.test(String.fromCodePoint(codePoint))
}

/** Whether a word character ends just before UTF-16 index `index`. */
const wordCharacterBefore = (text: string, index: number): boolean =>
  index > 0 && wordCharacterAt(text, startsCodePoint(text, index - 1) ? index - 1 : index - 2)

/**
 * Whether UTF-16 index `index` lies at a word boundary: true unless the characters on both sides are word
 * characters. An index between the two halves of a surrogate pair lies inside a character: no boundary.
 */
export const atWordBoundary = (text: string, index: number): boolean =>
  startsCodePoint(text, index) && !(wordCharacterBefore(text, index) && wordCharacterAt(text, index))
