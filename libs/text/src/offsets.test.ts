import { describe, expect, it } from "vitest"
import { codePointIndex, codePointLength, codePointOffsets, sliceCodePoints, utf16Index } from "./offsets.ts"

// "a", an emoji (2 UTF-16 units), "b", a CJK extension B character (2 units), "c".
const text = "a😀b𠀋c"

describe("offsets", () => {
  it("counts code points, not UTF-16 units", () => {
    expect(text.length).toBe(7)
    expect(codePointLength(text)).toBe(5)
    expect(codePointLength("")).toBe(0)
    expect(codePointLength("กรุงเทพ")).toBe(7)
  })

  it("converts UTF-16 indices to code point offsets and back", () => {
    const pairs = [[0, 0], [1, 1], [3, 2], [4, 3], [6, 4], [7, 5]]
    for (const [utf16, codePoint] of pairs) {
      expect(codePointIndex(text, utf16)).toBe(codePoint)
      expect(utf16Index(text, codePoint)).toBe(utf16)
    }
  })

  it("maps an index inside a surrogate pair past that character", () => {
    expect(codePointIndex(text, 2)).toBe(2)
  })

  it("slices by code points", () => {
    expect(sliceCodePoints(text, 1, 4)).toBe("😀b𠀋")
    expect(sliceCodePoints(text, 4, 5)).toBe("c")
  })

  it("rejects offsets outside the text", () => {
    expect(() => codePointIndex(text, 8)).toThrow(RangeError)
    expect(() => utf16Index(text, 6)).toThrow(RangeError)
    expect(() => utf16Index(text, -1)).toThrow(RangeError)
  })
})

describe("codePointOffsets", () => {
  it("maps every UTF-16 index of a text to its code point offset", () => {
    expect(Array.from(codePointOffsets(text))).toEqual([0, 1, 2, 2, 3, 4, 4, 5])
    expect(Array.from(codePointOffsets(""))).toEqual([0])
  })
})
