import { readdirSync, readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { atWordBoundary, bareWord, wordSpans, writingOf } from "./words.ts"

const words = (text: string, tag: string) => wordSpans(text, writingOf(tag)).map((span) => text.slice(span.start, span.end))

describe("wordSpans", () => {
  it("takes runs of non-space holding a letter, mark or number as words, punctuation and all", () => {
    expect(words("Anna met Paul — in \"Berlin\".", "de")).toEqual(["Anna", "met", "Paul", "in", "\"Berlin\"."])
  })

  it("gives UTF-16 offsets, end exclusive, past characters outside the BMP; an emoji alone is no word", () => {
    // "Gothic" 0-6, space, two Gothic letters of two units each 7-11, space, "word" 12-16, " 😀 " then "x" at 20.
    expect(wordSpans("Gothic 𐌰𐌱 word 😀 x", writingOf("en"))).toEqual([
      { start: 0, end: 6 }, { start: 7, end: 11 }, { start: 12, end: 16 }, { start: 20, end: 21 }
    ])
  })

  it("separates Ethiopic words at the Ethiopic wordspace as at a space", () => {
    expect(words("እያንዳንዱ፡ሰው፡የመማር፡መብት፡አለው።", "am")).toEqual(["እያንዳንዱ", "ሰው", "የመማር", "መብት", "አለው።"])
  })

  it("cuts Thai, Lao, Chinese and Japanese with ICU's dictionaries", () => {
    expect(words("ฉันรักภาษาไทยมากที่สุด", "th")).toEqual(["ฉัน", "รัก", "ภาษา", "ไทย", "มาก", "ที่สุด"])
    expect(words("ພາສາລາວເປັນພາສາ", "lo")).toEqual(["ພາສາ", "ລາວ", "ເປັນ", "ພາສາ"])
    expect(words("我们今天去北京。", "zh-Hans")).toEqual(["我们", "今天", "去", "北京"])
    expect(words("日本語の文章です。", "ja")).toEqual(["日本語", "の", "文章", "です"])
  })

  it("finds no words in white space or punctuation", () => {
    expect(words(" — ... \n", "en")).toEqual([])
    expect(words("。、", "ja")).toEqual([])
  })
})

describe("writingOf", () => {
  it("cuts the scripts written without spaces with the segmenter, the others on spaces", () => {
    const splitting = (tag: string) => writingOf(tag).words
    for (const tag of ["th", "lo", "km", "my", "ja", "zh-Hans", "zh-Hant", "yue"]) expect(splitting(tag), tag).toBe("segmenter")
    for (const tag of ["en", "de", "ko", "ru", "ar", "hi", "am", "sr-Cyrl", "ta"]) expect(splitting(tag), tag).toBe("space")
    expect(writingOf("th").locale).toBe("th")
  })

  it("agrees with the words field of every languages/*/language.json", () => {
    const folder = new URL("../../../languages/", import.meta.url)
    const codes = readdirSync(folder)
    expect(codes.length).toBe(91)
    for (const code of codes) {
      const language = JSON.parse(readFileSync(new URL(`${code}/language.json`, folder), "utf8"))
      expect(writingOf(language.bcp47).words, code).toBe(language.words)
    }
  })
})

describe("atWordBoundary", () => {
  it("is false only between two word characters", () => {
    expect(atWordBoundary("Russlands", 8)).toBe(false)
    expect([0, 9].map((index) => atWordBoundary("Russlands", index))).toEqual([true, true])
    expect(atWordBoundary("in Russland.", 3)).toBe(true)
    expect(atWordBoundary("in Russland.", 11)).toBe(true)
    expect(atWordBoundary("l'été", 1)).toBe(true)
  })

  it("reads characters outside the BMP whole, and an index inside a surrogate pair is no boundary", () => {
    // Two Gothic letters (word characters) of two UTF-16 units each, then an emoji (a symbol).
    const text = "𐌰𐌱😀"
    expect([0, 1, 2, 3, 4, 5, 6].map((index) => atWordBoundary(text, index)))
      .toEqual([true, false, false, false, true, false, true])
  })
})

describe("bareWord", () => {
  it("strips what is not a word character from both ends only", () => {
    expect(bareWord("(Berlin).")).toBe("Berlin")
    expect(bareWord("«M-Pesa»")).toBe("M-Pesa")
    expect(bareWord("—")).toBe("")
  })
})
