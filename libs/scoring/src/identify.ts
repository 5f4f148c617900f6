import { sentenceSpans } from "#text"
import { sameLanguage } from "./languages.ts"

/** A sentence's language as an ISO 639-3 code, or null when the detector cannot tell (too short, unreliable). */
export type DetectSentence = (sentence: string) => string | null

/** How much of a passage, by letters, is written in languages other than the project's. */
export interface LanguageShare {
  /** Letters and combining marks (\p{L}, \p{M}) in the passage: digits, punctuation and symbols have no language. */
  readonly letters: number
  /** The letters of sentences detected as another language, by that language's ISO 639-3 code. */
  readonly other: Readonly<Record<string, number>>
  /** Their share of all letters (0 when there are none). */
  readonly share: number
  /** The other language holding most letters (the first seen on a tie), or null when there is none. */
  readonly language: string | null
}

const letterCount = (text: string): number => text.match(/[\p{L}\p{M}]/gu)?.length ?? 0

/**
 * Detects the language of each sentence (and so of each line: a line break ends a sentence) rather than of the whole
 * passage, whose verdict would hide an English advert appended to a Swahili paragraph. Sentences the detector cannot
 * tell count as the project's language.
 */
export const otherLanguageShare = (
  text: string,
  locale: string,
  project: string,
  detect: DetectSentence
): LanguageShare => {
  let letters = 0
  const other: Record<string, number> = {}
  for (const span of sentenceSpans(text, locale)) {
    const sentence = text.slice(span.start, span.end)
    const count = letterCount(sentence)
    if (count === 0) continue
    letters += count
    const detected = detect(sentence)
    if (detected !== null && !sameLanguage(project, detected)) other[detected] = (other[detected] ?? 0) + count
  }
  let language: string | null = null
  let otherLetters = 0
  for (const [code, count] of Object.entries(other)) {
    otherLetters += count
    if (language === null || count > other[language]) language = code
  }
  return { letters, other, share: letters === 0 ? 0 : otherLetters / letters, language }
}
