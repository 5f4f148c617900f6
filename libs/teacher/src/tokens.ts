import { bareWord, sentenceOpenings, wordSpans, writingOf } from "#text"

/** A word of the passage without the punctuation around it, in UTF-16 offsets, end exclusive. */
export interface Token {
  readonly start: number
  readonly end: number
  readonly text: string
  /** Starts with a capital (or title-case) letter. */
  readonly capitalised: boolean
  /** Opens a sentence, so its capital may say nothing. */
  readonly opensSentence: boolean
  /** Only a space (or a no-break space) separates it from the next word. */
  readonly joined: boolean
  /** What follows it up to the next word: ". " after "Mr", "$" after "US". */
  readonly after: string
}

const capital = /^[\p{Lu}\p{Lt}]/u

/** The words of a passage (#text's `wordSpans`, stripped by `bareWord`), each placed in its sentence. */
export const tokensOf = (text: string, lang: string): Array<Token> => {
  const opensSentence = sentenceOpenings(text, lang)
  const words = wordSpans(text, writingOf(lang)).map((span) => {
    const written = text.slice(span.start, span.end)
    const bare = bareWord(written)
    const start = span.start + written.indexOf(bare)
    return { start, end: start + bare.length, text: bare }
  })
  return words.map((word, index) => {
    const gap = text.slice(word.end, words[index + 1]?.start ?? word.end)
    return {
      ...word,
      capitalised: capital.test(word.text),
      opensSentence: opensSentence(word.start),
      joined: gap === " " || gap === "\u00A0",
      after: gap
    }
  })
}
