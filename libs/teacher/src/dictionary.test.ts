import { describe, expect, it } from "vitest"
import { dictionaryOf, findNames } from "./dictionary.ts"

const dictionary = dictionaryOf(new Map([["Kenya", "country"], ["New York", "city"], ["北京", "city"]]))

describe("findNames", () => {
  it("finds whole words only where words are spaced, overlapping finds included", () => {
    expect(findNames("Kenyans in Kenya and New York", dictionary, true)).toEqual([
      { start: 11, end: 16, label: "country" },
      { start: 21, end: 29, label: "city" }
    ])
  })

  it("finds substrings where words are not spaced", () => {
    expect(findNames("我在北京", dictionary, false)).toEqual([{ start: 2, end: 4, label: "city" }])
  })

  it("looks a single word up in the forms it is given", () => {
    const forms = (word: string) => (word.endsWith("u") ? [word.slice(0, -1) + "a"] : [])
    expect(findNames("u Kenyu", dictionary, true, forms)).toEqual([{ start: 2, end: 7, label: "country" }])
  })

  it("knows its longest name in UTF-16 units", () => {
    expect(dictionary.longest).toBe(8)
  })
})
