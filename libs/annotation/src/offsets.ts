/**
 * Conversions between JavaScript's UTF-16 indices and code point offsets, which spans use (as Python's `str` and
 * the paper's release do). They differ once an astral character (emoji, CJK extension B) precedes the index.
 */

const width = (text: string, index: number): number => ((text.codePointAt(index) ?? 0) > 0xffff ? 2 : 1)

const checkIndex = (index: number, length: number, what: string): void => {
  if (!Number.isInteger(index) || index < 0 || index > length) {
    throw new RangeError(`${what} ${index} is outside 0..${length}`)
  }
}

/** The number of code points in `text`. */
export const codePointLength = (text: string): number => {
  let count = 0
  for (let index = 0; index < text.length; index += width(text, index)) count += 1
  return count
}

/**
 * The code point offset of a UTF-16 index: how many code points start before it. An index inside a surrogate pair
 * counts that pair, so it maps to the offset after the character.
 */
export const codePointIndex = (text: string, utf16Index: number): number => {
  checkIndex(utf16Index, text.length, "UTF-16 index")
  let count = 0
  for (let index = 0; index < utf16Index; index += width(text, index)) count += 1
  return count
}

/** The UTF-16 index of a code point offset. */
export const utf16Index = (text: string, codePointIndex: number): number => {
  checkIndex(codePointIndex, text.length, "code point index")
  let index = 0
  for (let count = 0; count < codePointIndex; count += 1) {
    if (index >= text.length) throw new RangeError(`code point index ${codePointIndex} is past the end of the text`)
    index += width(text, index)
  }
  return index
}

/** The text between two code point offsets, `end` exclusive. */
export const sliceCodePoints = (text: string, start: number, end: number): string =>
  text.slice(utf16Index(text, start), utf16Index(text, end))
