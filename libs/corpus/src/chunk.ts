import { sentenceWords, type Writing } from "#text"

export interface Chunk {
  readonly text: string
  /** Words as #text counts them for the language's writing. */
  readonly words: number
}

export interface ChunkOptions extends Writing {
  /** The most words a chunk may hold. */
  readonly size: number
}

// After a word, the punctuation that still belongs to it: everything up to white space or an opening mark.
const trailing = /^[^\s\p{Ps}\p{Pi}]*/u
// ICU gives an opening mark right after a full stop to the sentence before (`。」「`): it belongs to the next chunk.
const openingAtEnd = /[\s\p{Ps}\p{Pi}]+$/u

/** The last share of a chunk in which a sentence end is preferred to the word limit. */
const preferredTail = 0.2

/**
 * Cuts a document into chunks of at most `size` words (#text's words). Chunks are cut between words, end after a
 * word that ends a sentence (#text's sentences, which a line break also ends) when one lies in their last fifth,
 * and are exact (trimmed) slices of `text` that together cover it.
 */
export const chunkPassage = (text: string, options: ChunkOptions): ReadonlyArray<Chunk> => {
  if (!Number.isInteger(options.size) || options.size < 1) {
    throw new RangeError(`chunk size must be a positive integer, got ${options.size}`)
  }
  const words = sentenceWords(text, options)
  // Where a chunk ending with word `index` ends (UTF-16 units): at the end of the sentence that word ends (the
  // Hindi danda after a space included), else after the word and the punctuation attached to it.
  const endAfter = (index: number): number => {
    const word = words[index]
    if (index === words.length - 1) return text.length
    if (word.endsSentence) return word.end + text.slice(word.end, word.sentenceEnd).replace(openingAtEnd, "").length
    return word.end + trailing.exec(text.slice(word.end, words[index + 1].start))![0].length
  }

  const chunks: Array<Chunk> = []
  let first = 0
  let from = 0
  while (first < words.length) {
    let next = Math.min(first + options.size, words.length)
    if (next < words.length) {
      const earliest = next - Math.floor(options.size * preferredTail)
      for (let candidate = next; candidate > first && candidate >= earliest; candidate--) {
        if (words[candidate - 1].endsSentence) {
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
