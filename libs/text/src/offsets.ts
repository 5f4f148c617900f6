import { startsCodePoint } from "./internal/surrogates.ts"

/**
 * Conversions between JavaScript's UTF-16 indices and code point offsets, which every output span uses (as Python's
 * `str` and the paper's release do). They differ once a character outside the Basic Multilingual Plane (emoji, CJK
 * Extension B, Gothic) precedes the index. A lone surrogate counts as one code point, as `Array.from` counts it.
 */

const checkIndex = (index: number, length: number, what: string): void => {
  if (!Number.isInteger(index) || index < 0 || index > length) {
    throw new RangeError(`${what} ${index} is outside 0..${length}`)
  }
}

/** The number of code points in `text`. */
export const codePointLength = (text: string): number => {
  let count = 0
  for (let index = 0; index < text.length; index++) if (startsCodePoint(text, index)) count++
  return count
}

/**
 * The code point offset of a UTF-16 index: how many code points start before it. An index inside a surrogate pair
 * counts that pair, so it maps to the offset after the character.
 */
export const codePointIndex = (text: string, utf16Index: number): number => {
  checkIndex(utf16Index, text.length, "UTF-16 index")
  return codePointLength(text.slice(0, utf16Index))
}

/** The UTF-16 index of a code point offset. */
export const utf16Index = (text: string, codePointIndex: number): number => {
  checkIndex(codePointIndex, text.length, "code point index")
  let index = 0
  for (let count = 0; count < codePointIndex; count++) {
    if (index >= text.length) throw new RangeError(`code point index ${codePointIndex} is past the end of the text`)
    index += startsCodePoint(text, index + 1) ? 1 : 2
  }
  return index
}

/** The text between two code point offsets, `end` exclusive. */
export const sliceCodePoints = (text: string, start: number, end: number): string =>
  text.slice(utf16Index(text, start), utf16Index(text, end))

/**
 * For converting many offsets of one text: entry `i` is `codePointIndex(text, i)`, for every UTF-16 index from 0 to
 * `text.length`. One pass and 4 bytes per UTF-16 unit, then each lookup is constant time.
 */
export const codePointOffsets = (text: string): Uint32Array => {
  const offsets = new Uint32Array(text.length + 1)
  for (let index = 0; index < text.length; index++) {
    offsets[index + 1] = offsets[index] + (startsCodePoint(text, index) ? 1 : 0)
  }
  return offsets
}
