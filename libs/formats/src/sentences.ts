/** A sentence of a passage; offsets in code points into the passage, end exclusive. */
export interface Sentence {
  readonly start: number
  readonly end: number
  readonly text: string
}

const codePoints = (text: string) => {
  let count = 0
  for (const _ of text) count++
  return count
}

/**
 * Splits a passage into trimmed, non-empty sentences with `Intl.Segmenter`, whose rules cover every script we build
 * (line breaks end a sentence too, which keeps list items and headings apart).
 */
export const splitSentences = (text: string, locale: string): ReadonlyArray<Sentence> => {
  const sentences: Array<Sentence> = []
  let offset = 0
  for (const { segment } of new Intl.Segmenter(locale, { granularity: "sentence" }).segment(text)) {
    const length = codePoints(segment)
    const leading = codePoints(segment.slice(0, segment.length - segment.trimStart().length))
    const trimmed = segment.trim()
    if (trimmed !== "") {
      const start = offset + leading
      sentences.push({ start, end: start + codePoints(trimmed), text: trimmed })
    }
    offset += length
  }
  return sentences
}
