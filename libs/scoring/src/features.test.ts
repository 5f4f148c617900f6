import { describe, expect, it } from "vitest"
import { FEATURE_NAMES, passageFeatures } from "./features.ts"
import { passageWords } from "./words.ts"

const features = (text: string) => {
  const values = passageFeatures(text)
  return Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, values[i]])) as Record<string, number>
}

describe("passageWords", () => {
  it("splits Latin text on white space, dropping punctuation-only tokens and edge punctuation", () => {
    expect(passageWords("Anna met Paul — in \"Berlin\".").map((w) => w.text)).toEqual(["Anna", "met", "Paul", "in", "Berlin"])
  })

  it("marks the words that open a sentence, after a full stop or a line break", () => {
    const words = passageWords("Anna met Paul. Then Berlin\nCall Ina")
    expect(words.filter((w) => w.opensSentence).map((w) => w.text)).toEqual(["Anna", "Then", "Call"])
  })

  it("segments Thai written without spaces into several words", () => {
    const text = "ฉันรักภาษาไทยมากที่สุด"
    const words = passageWords(text)
    expect(words.length).toBeGreaterThanOrEqual(4)
    expect(words.map((w) => w.text).join("")).toBe(text)
  })

  it("segments Chinese, and a sentence end opens the next sentence", () => {
    const words = passageWords("我们今天去北京。明天回上海。")
    expect(words.length).toBeGreaterThanOrEqual(5)
    expect(words.filter((w) => w.opensSentence).map((w) => w.text)).toEqual(["我们", "明天"])
  })

  it("splits Arabic on white space", () => {
    expect(passageWords("ذهب محمد إلى القاهرة في عام 2020.").map((w) => w.text))
      .toEqual(["ذهب", "محمد", "إلى", "القاهرة", "في", "عام", "2020"])
  })
})

describe("passageFeatures", () => {
  it("returns one value per feature name", () => {
    expect(passageFeatures("Some words here.")).toHaveLength(FEATURE_NAMES.length)
  })

  it("measures a Latin sentence: letters, punctuation, names not at sentence start", () => {
    const f = features("Anna met Paul in Berlin.")
    expect(f.words).toBeCloseTo(Math.log1p(5) / Math.log1p(256), 6)
    expect(f.letters).toBeCloseTo(19 / 20, 6)
    expect(f.punctuation).toBeCloseTo(1 / 20, 6)
    expect(f.symbols).toBe(0)
    expect(f.variety).toBe(1)
    expect(f.capitalised).toBeCloseTo(2 / 5, 6)
    expect(f.numeric).toBe(0)
  })

  it("counts combining marks as letters in Thai and words via the segmenter", () => {
    const f = features("ฉันรักภาษาไทยมากที่สุด")
    expect(f.letters).toBe(1)
    expect(f.words).toBeGreaterThan(Math.log1p(3) / Math.log1p(256))
    expect(f.capitalised).toBe(0)
  })

  it("gives Arabic no capitalisation signal and counts its year as a numeric word", () => {
    const f = features("ذهب محمد إلى القاهرة في عام 2020.")
    expect(f.capitalised).toBe(0)
    expect(f.numeric).toBeCloseTo(1 / 7, 6)
    expect(f.punctuation).toBeCloseTo(1 / 27, 6)
  })

  it("counts Chinese full-width punctuation", () => {
    const f = features("我们今天去北京。")
    expect(f.punctuation).toBeCloseTo(1 / 8, 6)
    expect(f.letters).toBeCloseTo(7 / 8, 6)
  })

  it("caps length at the 256-word passage", () => {
    expect(features("word ".repeat(400)).words).toBe(1)
  })

  it("sees repetition as low variety, within 50-word windows", () => {
    expect(features("buy now ".repeat(50)).variety).toBeCloseTo(2 / 50, 6)
    const distinct = Array.from({ length: 120 }, (_, i) => `w${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26)}`)
    expect(features(distinct.join(" ")).variety).toBe(1)
  })

  it("sees a menu as many lines per word", () => {
    expect(features("Home\nAbout\nContact\nLogin").lines).toBeCloseTo(3 / 4, 6)
  })

  it("sees symbols", () => {
    expect(features("Price: $5 | €4 ★★★").symbols).toBeCloseTo(6 / 14, 6)
  })

  it("is all zeros, not NaN, for empty or blank text", () => {
    expect(Array.from(passageFeatures(""))).toEqual(FEATURE_NAMES.map(() => 0))
    expect(Array.from(passageFeatures(" \n "))).toEqual(FEATURE_NAMES.map(() => 0))
  })

  it("is deterministic", () => {
    const text = "Die Stadt Heidelberg liegt am Neckar. Ihre Universität wurde 1386 gegründet."
    expect(passageFeatures(text)).toEqual(passageFeatures(text))
  })
})
