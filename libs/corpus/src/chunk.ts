import type { WordSplitting } from "#schema"

export interface Chunk {
  readonly text: string
  readonly words: number
}

export interface ChunkOptions {
  readonly words: WordSplitting
  /** BCP 47 tag for `Intl.Segmenter`. */
  readonly locale: string
  /** The most words a chunk may hold. */
  readonly size: number
}

interface Word {
  readonly start: number
  readonly end: number
}

/** The words of a text as offsets: white-space separated tokens, or the segmenter's word-like segments. */
export const wordSpans = (text: string, splitting: WordSplitting, locale: string): ReadonlyArray<Word> =>
  splitting === "space"
    ? Array.from(text.matchAll(/\S+/g), (match) => ({ start: match.index, end: match.index + match[0].length }))
    : Array.from(new Intl.Segmenter(locale, { granularity: "word" }).segment(text))
      .filter((segment) => segment.isWordLike === true)
      .map((segment) => ({ start: segment.index, end: segment.index + segment.segment.length }))

// Full stops of the FiNERweb scripts: Latin and Greek, CJK (full and half width), Devanagari and Bengali
// dandas, Myanmar, Khmer, Ethiopic, Armenian, Arabic and Urdu, Tibetan, and the ellipsis.
const sentenceEnd = /[.!?…。！？．｡।॥။។៕።։؟۔།]$/u
// Closing quotes and brackets may follow a full stop: `end.”` or `。」`.
const closing = /[\p{Pe}\p{Pf}"']+$/u
// After a word, the punctuation that still belongs to it: everything up to white space or an opening mark.
const trailing = /^[^\s\p{Ps}\p{Pi}]*/u

/** The last share of a chunk in which a sentence end is preferred to the word limit. */
const preferredTail = 0.2

/**
 * Cuts a document into chunks of at most `size` words. Chunks are cut between words, end at a sentence
 * end or line break when one lies in their last fifth, and are exact (trimmed) slices of `text` that together cover it.
 */
export const chunkPassage = (text: string, options: ChunkOptions): ReadonlyArray<Chunk> => {
  if (!Number.isInteger(options.size) || options.size < 1) {
    throw new RangeError(`chunk size must be a positive integer, got ${options.size}`)
  }
  const words = wordSpans(text, options.words, options.locale)
  // Where a chunk ending with word `index` ends: after that word and the punctuation attached to it.
  const endAfter = (index: number): number =>
    index === words.length - 1
      ? text.length
      : words[index].end + trailing.exec(text.slice(words[index].end, words[index + 1].start))![0].length
  // A line break after a word ends a paragraph: the only sentence end Thai, Lao and Khmer text marks.
  const endsSentence = (index: number): boolean =>
    text.slice(words[index].end, words[index + 1].start).includes("\n") ||
    sentenceEnd.test(text.slice(words[index].start, endAfter(index)).replace(closing, ""))

  const chunks: Array<Chunk> = []
  let first = 0
  let from = 0
  while (first < words.length) {
    let next = Math.min(first + options.size, words.length)
    if (next < words.length) {
      const earliest = next - Math.floor(options.size * preferredTail)
      for (let candidate = next; candidate > first && candidate >= earliest; candidate--) {
        if (endsSentence(candidate - 1)) {
          next = candidate
          break
        }
      }
    }
    const to = endAfter(next - 1)
    chunks.push({ text: text.slice(from, to).trim(), words: next - first })
    first = next
    from = to
  }
  return chunks
}
