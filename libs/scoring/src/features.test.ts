import { describe, expect, it } from "vitest"
import type { Writing } from "#text"
import { FEATURE_NAMES, passageFeatures } from "./features.ts"

const english: Writing = { words: "space", locale: "en" }
const german: Writing = { words: "space", locale: "de" }
const arabic: Writing = { words: "space", locale: "ar" }
const thai: Writing = { words: "segmenter", locale: "th" }
const chinese: Writing = { words: "segmenter", locale: "zh-Hans" }

const features = (text: string, writing: Writing) => {
  const values = passageFeatures(text, writing)
  return Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, values[i]])) as Record<string, number>
}

const lengthOf = (words: number) => Math.log1p(words) / Math.log1p(256)

describe("passageFeatures", () => {
  it("returns one value per feature name", () => {
    expect(passageFeatures("Some words here.", english)).toHaveLength(FEATURE_NAMES.length)
  })

  it("gives the values worked out by hand for two German sentences", () => {
    // Words: Die Stadt Heidelberg liegt am Neckar. | Die Universität wurde 1386 gegründet. (11, "die" twice).
    // 65 non-space characters: 59 letters, 2 full stops, 4 digits. One line break. Capitalised words not opening
    // a sentence: Stadt, Heidelberg, Neckar, Universität. One word holds digits.
    const text = "Die Stadt Heidelberg liegt am Neckar.\nDie Universität wurde 1386 gegründet."
    const values = passageFeatures(text, german)
    const expected = [lengthOf(11), 59 / 65, 2 / 65, 0, 10 / 11, 1 / 11, 4 / 11, 1 / 11]
    expect(values).toHaveLength(expected.length)
    expected.forEach((value, i) => expect(values[i], FEATURE_NAMES[i]).toBeCloseTo(value, 6))
  })

  it("gives the values worked out by hand for two Chinese sentences cut by the segmenter", () => {
    // Words: 我们 今天 去 北京 | 明天 回 上海 (7, all distinct); 14 characters: 12 Han, 2 full stops.
    const values = passageFeatures("我们今天去北京。明天回上海。", chinese)
    const expected = [lengthOf(7), 12 / 14, 2 / 14, 0, 1, 0, 0, 0]
    expected.forEach((value, i) => expect(values[i], FEATURE_NAMES[i]).toBeCloseTo(value, 6))
  })

  it("measures a Latin sentence: letters, punctuation, names not at sentence start", () => {
    const f = features("Anna met Paul in Berlin.", english)
    expect(f.words).toBeCloseTo(lengthOf(5), 6)
    expect(f.letters).toBeCloseTo(19 / 20, 6)
    expect(f.punctuation).toBeCloseTo(1 / 20, 6)
    expect(f.symbols).toBe(0)
    expect(f.variety).toBe(1)
    expect(f.capitalised).toBeCloseTo(2 / 5, 6)
    expect(f.numeric).toBe(0)
  })

  it("does not count a capital that opens a sentence, after a full stop or a line break", () => {
    // Seven words; Anna, Then and Call open sentences, Paul, Berlin and Ina do not.
    expect(features("Anna met Paul. Then Berlin\nCall Ina", english).capitalised).toBeCloseTo(3 / 7, 6)
  })

  it("compares words without the punctuation around them", () => {
    // "Berlin", "(Berlin)" and "Berlin." are one word three times; "—" is no word.
    expect(features("Berlin (Berlin) — Berlin.", english).variety).toBeCloseTo(1 / 3, 6)
  })

  it("counts Thai words with the segmenter when the language is written that way", () => {
    const text = "ฉันรักภาษาไทยมากที่สุด"
    // ฉัน รัก ภาษา ไทย มาก ที่สุด: six words; on spaces the same text is one.
    expect(features(text, thai).words).toBeCloseTo(lengthOf(6), 6)
    expect(features(text, { words: "space", locale: "th" }).words).toBeCloseTo(lengthOf(1), 6)
    expect(features(text, thai).letters).toBe(1)
    expect(features(text, thai).capitalised).toBe(0)
  })

  it("gives Arabic no capitalisation signal and counts its year as a numeric word", () => {
    const f = features("ذهب محمد إلى القاهرة في عام 2020.", arabic)
    expect(f.capitalised).toBe(0)
    expect(f.numeric).toBeCloseTo(1 / 7, 6)
    expect(f.punctuation).toBeCloseTo(1 / 27, 6)
  })

  it("counts Chinese full-width punctuation", () => {
    const f = features("我们今天去北京。", chinese)
    expect(f.punctuation).toBeCloseTo(1 / 8, 6)
    expect(f.letters).toBeCloseTo(7 / 8, 6)
  })

  it("caps length at the 256-word passage", () => {
    expect(features("word ".repeat(400), english).words).toBe(1)
  })

  it("sees repetition as low variety, within 50-word windows", () => {
    expect(features("buy now ".repeat(50), english).variety).toBeCloseTo(2 / 50, 6)
    const distinct = Array.from({ length: 120 }, (_, i) => `w${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26)}`)
    expect(features(distinct.join(" "), english).variety).toBe(1)
  })

  it("sees a menu as many lines per word", () => {
    expect(features("Home\nAbout\nContact\nLogin", english).lines).toBeCloseTo(3 / 4, 6)
  })

  it("sees symbols", () => {
    expect(features("Price: $5 | €4 ★★★", english).symbols).toBeCloseTo(6 / 14, 6)
  })

  it("is all zeros, not NaN, for empty or blank text", () => {
    expect(Array.from(passageFeatures("", english))).toEqual(FEATURE_NAMES.map(() => 0))
    expect(Array.from(passageFeatures(" \n ", thai))).toEqual(FEATURE_NAMES.map(() => 0))
  })
})
