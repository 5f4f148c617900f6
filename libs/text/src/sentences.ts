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

/** The sentences of a text, and per sentence where its first word character is (its end when it has none). */
const sentencesOf = (text: string, locale: string) => {
  const spans = sentenceSpans(text, locale)
  const firstWordCharacters = spans.map((sentence) => {
    const at = text.slice(sentence.start, sentence.end).search(wordCharacter)
    return at === -1 ? sentence.end : sentence.start + at
  })
  // The sentence holding UTF-16 index `index`: the last starting at or before it, -1 when none does.
  const holding = (index: number): number => {
    let low = 0
    let high = spans.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (spans[middle].start <= index) low = middle + 1
      else high = middle
    }
    return low - 1
  }
  // No word character lies between the start of its sentence and `index` (opening quotes, brackets and "¿" may).
  const opens = (index: number, sentence: number): boolean => sentence === -1 || index <= firstWordCharacters[sentence]
  return { spans, holding, opens }
}

/**
 * For one text, whether the word at UTF-16 index `index` opens its sentence: no word character lies between the
 * start of the sentence holding `index` and `index`. Built once per text, then each question costs a binary search.
 */
export const sentenceOpenings = (text: string, locale: string): (index: number) => boolean => {
  const { holding, opens } = sentencesOf(text, locale)
  return (index) => opens(index, holding(index))
}

/** A word and its place in its sentence; UTF-16 units, end exclusive. */
export interface SentenceWord extends TextSpan {
  readonly opensSentence: boolean
  /** The next word opens a sentence, or there is none. */
  readonly endsSentence: boolean
  /** Where the sentence holding the word's start ends (`sentenceSpans`, trimmed). */
  readonly sentenceEnd: number
}

/** The words of a text (`wordSpans`), each placed in its sentence (`sentenceSpans`). */
export const sentenceWords = (text: string, writing: Writing): ReadonlyArray<SentenceWord> => {
  const { spans, holding, opens } = sentencesOf(text, writing.locale)
  const words = wordSpans(text, writing).map((word) => {
    const sentence = holding(word.start)
    const sentenceEnd = sentence === -1 ? word.end : spans[sentence].end
    return { ...word, opensSentence: opens(word.start, sentence), sentenceEnd }
  })
  return words.map((word, index) => ({
    ...word,
    endsSentence: index === words.length - 1 || words[index + 1].opensSentence
  }))
}
