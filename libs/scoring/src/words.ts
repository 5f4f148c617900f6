/** One word of a passage, and whether it opens a sentence (first word, or after a sentence end or line break). */
export interface PassageWord {
  readonly text: string
  readonly opensSentence: boolean
}

const hasLetterOrNumber = /[\p{L}\p{N}]/u
const edgeNoise = /^[^\p{L}\p{N}\p{M}]+|[^\p{L}\p{N}\p{M}]+$/gu
const sentenceEnd = /[\p{Sentence_Terminal}\n]/u
const closingMarks = /[\p{Pf}\p{Pe}"']+$/u

/**
 * Above this many non-space characters per white-space token the text "has few spaces" (Thai, Lao, Khmer, Myanmar,
 * Chinese, Japanese) and is cut with `Intl.Segmenter`. Spaced scripts stay far below it (English about 5, long
 * agglutinative Malayalam words about 9); ICU's word rules split spaced scripts on spaces anyway, so a miss costs
 * speed, not correctness.
 */
export const FEW_SPACES_CHARACTERS_PER_TOKEN = 12

// A fixed locale, not the host's default, so the same text gives the same words on every machine; ICU's
// dictionaries for Thai, Lao, Khmer, Myanmar and CJK apply whatever the locale.
const segmenter = new Intl.Segmenter("en", { granularity: "word" })

const whiteSpaceWords = (text: string): ReadonlyArray<PassageWord> => {
  const words: Array<PassageWord> = []
  let opensSentence = true
  for (const token of text.matchAll(/(\s*)(\S+)/gu)) {
    const [, gap, raw] = token
    if (gap.includes("\n")) opensSentence = true
    if (hasLetterOrNumber.test(raw)) {
      words.push({ text: raw.replace(edgeNoise, ""), opensSentence })
      opensSentence = false
    }
    if (sentenceEnd.test(raw.replace(closingMarks, "").slice(-1))) opensSentence = true
  }
  return words
}

const segmentedWords = (text: string): ReadonlyArray<PassageWord> => {
  const words: Array<PassageWord> = []
  let opensSentence = true
  for (const { segment, isWordLike } of segmenter.segment(text)) {
    if (isWordLike) {
      words.push({ text: segment, opensSentence })
      opensSentence = false
    } else if (sentenceEnd.test(segment)) {
      opensSentence = true
    }
  }
  return words
}

/** Cuts a passage into words: on white space, or with `Intl.Segmenter` when the text has few spaces. */
export const passageWords = (text: string): ReadonlyArray<PassageWord> => {
  const tokens = text.match(/\S+/gu) ?? []
  const characters = tokens.reduce((sum, token) => sum + token.length, 0)
  return tokens.length > 0 && characters / tokens.length > FEW_SPACES_CHARACTERS_PER_TOKEN
    ? segmentedWords(text)
    : whiteSpaceWords(text)
}
