import { describe, expect, it } from "vitest"
import { fromGliner, toGliner } from "./gliner.ts"

const english = { words: "space", locale: "en" } as const

// Code points: Ana 0-3, lives 4-9, in 10-12, " 13, New 14-17, York 18-22, " 22, . 23, She 25-28, likes 29-34,
// Kenya's 35-42, tea 43-46, — 47, really 49-55, . 55.
const text = "Ana lives in \"New York\". She likes Kenya's tea — really."
const englishTokens = ["Ana", "lives", "in", "\"", "New", "York", "\"", ".", "She", "likes", "Kenya's", "tea", "—", "really", "."]

describe("toGliner", () => {
  it("cuts quotes and stops off words, keeps punctuation between words, and gives token indices, end inclusive", () => {
    const spans = [{ start: 0, end: 3, label: "person" }, { start: 14, end: 22, label: "city" }]
    const { gliner, unexpressed } = toGliner({ text, char_spans: spans }, english)
    expect(gliner).toEqual({ tokenized_text: englishTokens, ner: [[0, 0, "person"], [4, 5, "city"]] })
    expect(unexpressed).toEqual([])
  })

  it("reports a span inside a word, with the word, and does not move it to the word's edges", () => {
    const kenya = { start: 35, end: 40, label: "country" }
    const { gliner, unexpressed } = toGliner({ text, char_spans: [kenya, { start: 43, end: 46, label: "food" }] }, english)
    expect(gliner.ner).toEqual([[11, 11, "food"]])
    expect(unexpressed).toEqual([
      { span: kenya, mention: "Kenya", reason: "its end 40 falls inside the token 'Kenya's' (35-42)" }
    ])
  })

  it("reports a span that starts in white space, and an empty one", () => {
    const spaced = { start: 3, end: 9, label: "verb" }
    const empty = { start: 4, end: 4, label: "nothing" }
    const { unexpressed } = toGliner({ text, char_spans: [spaced, empty] }, english)
    expect(unexpressed.map((loss) => loss.reason)).toEqual([
      "its start 3 is no token's start (it lies in white space)",
      "it is empty (start 4, end 4)"
    ])
  })

  it("keeps a label with spaces as it is", () => {
    const { gliner } = toGliner({ text: "Arsenal won.", char_spans: [{ start: 0, end: 7, label: "football club" }] }, english)
    expect(gliner).toEqual({ tokenized_text: ["Arsenal", "won", "."], ner: [[0, 0, "football club"]] })
  })

  it("cuts Chinese, Japanese and Thai with the segmenter", () => {
    const chinese = toGliner({ text: "我们今天去北京。", char_spans: [{ start: 5, end: 7, label: "city" }] }, {
      words: "segmenter",
      locale: "zh-Hans"
    })
    expect(chinese.gliner).toEqual({ tokenized_text: ["我们", "今天", "去", "北京", "。"], ner: [[3, 3, "city"]] })
    const japanese = toGliner({ text: "日本語の文章です。", char_spans: [{ start: 0, end: 3, label: "language" }] }, {
      words: "segmenter",
      locale: "ja"
    })
    expect(japanese.gliner).toEqual({ tokenized_text: ["日本語", "の", "文章", "です", "。"], ner: [[0, 0, "language"]] })
    // ฉัน 0-3, รัก 3-6, ภาษา 6-10, ไทย 10-13, มาก 13-16, ที่สุด 16-22 (combining vowels and tone marks count).
    const thai = toGliner({ text: "ฉันรักภาษาไทยมากที่สุด", char_spans: [{ start: 6, end: 13, label: "language" }] }, {
      words: "segmenter",
      locale: "th"
    })
    expect(thai.gliner).toEqual({
      tokenized_text: ["ฉัน", "รัก", "ภาษา", "ไทย", "มาก", "ที่สุด"],
      ner: [[2, 3, "language"]]
    })
  })

  it("reports a span inside a segmenter's word", () => {
    const { gliner, unexpressed } = toGliner(
      { text: "我们今天去北京。", char_spans: [{ start: 6, end: 7, label: "city" }] },
      { words: "segmenter", locale: "zh-Hans" }
    )
    expect(gliner.ner).toEqual([])
    expect(unexpressed[0].reason).toBe("its start 6 falls inside the token '北京' (5-7)")
  })

  it("counts code points, not UTF-16 units, past emoji and Gothic letters", () => {
    // 😀 0, Ana 2-5, met 6-9, 𐌰𐌱 10-12, in 13-15, 👍 16, 🏽 17, Paris 18-23, . 23; in UTF-16 Paris starts at 23, five surrogate pairs on.
    const emoji = "😀 Ana met 𐌰𐌱 in 👍🏽Paris."
    expect(emoji.indexOf("Paris")).toBe(23)
    const spans = [
      { start: 2, end: 5, label: "person" },
      { start: 10, end: 12, label: "word" },
      { start: 18, end: 23, label: "city" }
    ]
    const { gliner, unexpressed } = toGliner({ text: emoji, char_spans: spans }, english)
    expect(gliner).toEqual({
      tokenized_text: ["😀", "Ana", "met", "𐌰𐌱", "in", "👍", "🏽", "Paris", "."],
      ner: [[1, 1, "person"], [3, 3, "word"], [7, 7, "city"]]
    })
    expect(unexpressed).toEqual([])
    expect(fromGliner(emoji, gliner, english)).toEqual(spans)
  })

  it("writes an empty record as no tokens and no spans", () => {
    expect(toGliner({ text: "", char_spans: [] }, english)).toEqual({
      gliner: { tokenized_text: [], ner: [] },
      unexpressed: []
    })
    expect(fromGliner("", { tokenized_text: [], ner: [] }, english)).toEqual([])
  })
})

describe("fromGliner", () => {
  it("turns token indices back into code point spans", () => {
    const gliner = { tokenized_text: englishTokens, ner: [[4, 5, "city"], [3, 7, "quote"]] as const }
    expect(fromGliner(text, gliner, english)).toEqual([
      { start: 14, end: 22, label: "city" },
      { start: 13, end: 24, label: "quote" }
    ])
  })

  it("refuses tokens that are not the text's, and indices past the tokens", () => {
    expect(() => fromGliner(text, { tokenized_text: ["Ana"], ner: [] }, english)).toThrow(/not the tokens/)
    expect(() => fromGliner(text, { tokenized_text: englishTokens, ner: [[14, 15, "x"]] }, english)).toThrow(
      /outside 15 tokens/
    )
  })
})
