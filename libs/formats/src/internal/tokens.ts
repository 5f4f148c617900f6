import { codePointOffsets, type Writing, wordCharacter, wordSpans } from "#text"

/** A token of a sentence, offsets in code points, end exclusive, as the spans it carries. */
export interface Token {
  readonly start: number
  readonly end: number
  readonly text: string
}

/**
 * The tokens of a text, for the GLiNER and IOB2 formats: every code point that is not white space, in order, in
 * one token each, except that #text's words (`wordSpans`) stay whole. A word's own quotes, brackets and stops are
 * cut off it, one code point a token, since a mention ends where "Paris." ends its word ("Paris", "."); words
 * are otherwise never cut, so a mention inside one ("Kenya" of "Kenya's", "北京" inside an ICU word) falls off the
 * token boundaries and is reported. Punctuation between words ("—", "。") is kept as tokens, as GLiNER's own splitter
 * keeps it, so a model sees the sentence it will be given. No token holds white space (a CoNLL column cannot).
 */
export const tokensOf = (text: string, writing: Writing): Array<Token> => {
  const pieces: Array<{ start: number; end: number }> = []
  const single = (from: number, to: number) => {
    for (const match of text.slice(from, to).matchAll(/\S/gu)) {
      pieces.push({ start: from + match.index, end: from + match.index + match[0].length })
    }
  }
  let cursor = 0
  for (const word of wordSpans(text, writing)) {
    single(cursor, word.start)
    // ICU may join across a narrow no-break space ("1 000"), which is white space to every CoNLL reader.
    for (const match of text.slice(word.start, word.end).matchAll(/\S+/gu)) {
      const start = word.start + match.index
      const end = start + match[0].length
      const core = coreOf(text, start, end)
      if (core === null) {
        single(start, end)
      } else {
        single(start, core.start)
        pieces.push(core)
        single(core.end, end)
      }
    }
    cursor = word.end
  }
  single(cursor, text.length)
  const offsets = codePointOffsets(text)
  return pieces.map(({ start, end }) => ({ start: offsets[start], end: offsets[end], text: text.slice(start, end) }))
}

/** From the first word character to the end of the last, in UTF-16 units; null when there is none. */
const coreOf = (text: string, start: number, end: number): { start: number; end: number } | null => {
  let first: number | null = null
  let last = start
  for (let index = start; index < end;) {
    const character = String.fromCodePoint(text.codePointAt(index) ?? 0)
    if (wordCharacter.test(character)) {
      first ??= index
      last = index + character.length
    }
    index += character.length
  }
  return first === null ? null : { start: first, end: last }
}
