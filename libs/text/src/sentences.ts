import { segmenter } from "./internal/segmenters.ts"
import { type TextSpan, wordCharacter, wordSpans, type Writing } from "./words.ts"

/**
 * The sentences of a text by ICU's sentence rules (`Intl.Segmenter`), trimmed and non-empty, in UTF-16 units, end
 * exclusive. ICU also ends a sentence after a line break, the only sentence end Thai, Lao and Khmer text marks.
 */
export const sentenceSpans = (text: string, locale: string): ReadonlyArray<TextSpan> =>
  Array.from(segmenter(locale, "sentence").segment(text)).flatMap(({ index, segment }) => {
    const leading = segment.length - segment.trimStart().length
    const trimmed = segment.trim().length
    return trimmed === 0 ? [] : [{ start: index + leading, end: index + leading + trimmed }]
  })

/**
 * For one text, whether the word at UTF-16 index `index` opens its sentence: no word character lies between the
 * start of the sentence holding `index` and `index` (opening quotes, brackets and "¿" may). Built once per text.
 */
export const sentenceOpenings = (text: string, locale: string): (index: number) => boolean => {
  const sentences = sentenceSpans(text, locale)
  // Per sentence, where its first word character is (UTF-16 units); the sentence's end when it has none.
  const firstWordCharacters = sentences.map((sentence) => {
    const at = text.slice(sentence.start, sentence.end).search(wordCharacter)
    return at === -1 ? sentence.end : sentence.start + at
  })
  return (index) => {
    // The last sentence starting at or before `index`, by binary search; none means only white space precedes it.
    let low = 0
    let high = sentences.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (sentences[middle].start <= index) low = middle + 1
      else high = middle
    }
    return low === 0 || index <= firstWordCharacters[low - 1]
  }
}

/** A word and its place in its sentence; UTF-16 units, end exclusive. */
export interface SentenceWord extends TextSpan {
  readonly opensSentence: boolean
  readonly endsSentence: boolean
}

/** The words of a text (`wordSpans`), each marked when it opens or ends a sentence (`sentenceSpans`). */
export const sentenceWords = (text: string, writing: Writing): ReadonlyArray<SentenceWord> => {
  const words = wordSpans(text, writing)
  const opens = sentenceOpenings(text, writing.locale)
  const opening = words.map((word) => opens(word.start))
  return words.map((word, index) => ({
    ...word,
    opensSentence: opening[index],
    endsSentence: index === words.length - 1 || opening[index + 1]
  }))
}
