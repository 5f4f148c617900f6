import { checkConll, parseConll, writeConll } from "#bio"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { conllType, fromIob2, toIob2 } from "./iob2.ts"

const english = { words: "space", locale: "en" } as const

// Tokens: Ana 0, lives 1, in 2, " 3, New 4, York 5, " 6, . 7, She 8, likes 9, Kenya's 10, tea 11, — 12, really 13, . 14
const text = "Ana lives in \"New York\". She likes Kenya's tea — really."

describe("toIob2", () => {
  it("tags every token, B- opening each mention, on the tokens GLiNER gets", () => {
    const sentence = toIob2(
      { text, char_spans: [{ start: 0, end: 3, label: "person" }, { start: 14, end: 22, label: "city" }] },
      english
    )
    expect(sentence.tokens.length).toBe(15)
    expect(sentence.tags).toEqual(["B-person", "O", "O", "O", "B-city", "I-city", "O", "O", "O", "O", "O", "O", "O", "O", "O"])
    expect(sentence.unexpressed).toEqual([])
  })

  it("writes a label's spaces as underscores", () => {
    expect(conllType("football club")).toBe("football_club")
    const sentence = toIob2({ text: "Arsenal won.", char_spans: [{ start: 0, end: 7, label: "football club" }] }, english)
    expect(writeConll([sentence])).toBe("Arsenal B-football_club\nwon O\n. O\n\n")
  })

  it("leaves out, and reports, a span inside a word and the later of two overlapping spans", () => {
    const kenya = { start: 35, end: 40, label: "country" }
    const york = { start: 18, end: 22, label: "state" }
    const sentence = toIob2({ text, char_spans: [{ start: 14, end: 22, label: "city" }, york, kenya] }, english)
    expect(sentence.tags.slice(4, 6)).toEqual(["B-city", "I-city"])
    expect(sentence.tags[10]).toBe("O")
    expect(sentence.unexpressed).toEqual([
      { span: kenya, mention: "Kenya", reason: "its end 40 falls inside the token 'Kenya's' (35-42)" },
      { span: york, mention: "York", reason: "it overlaps the span 14-22 'city', and IOB2 gives a token one mention" }
    ])
  })

  it("tags adjacent mentions of one type as two, and Thai and emoji text on code points", () => {
    // Tokens: ฉัน รัก ภาษา ไทย มาก ที่สุด (code points 0-3-6-10-13-16-22).
    const thai = toIob2({
      text: "ฉันรักภาษาไทยมากที่สุด",
      char_spans: [{ start: 6, end: 10, label: "thing" }, { start: 10, end: 13, label: "thing" }]
    }, { words: "segmenter", locale: "th" })
    expect(thai.tags).toEqual(["O", "O", "B-thing", "B-thing", "O", "O"])
    // 😀 0, Ana 2-5, met 6-9, 👍 10, 🏽 11, Paris 12-17, . 17
    const emoji = toIob2({ text: "😀 Ana met 👍🏽Paris.", char_spans: [{ start: 12, end: 17, label: "city" }] }, english)
    expect(emoji.tokens).toEqual(["😀", "Ana", "met", "👍", "🏽", "Paris", "."])
    expect(emoji.tags).toEqual(["O", "O", "O", "O", "O", "B-city", "O"])
  })

  it("writes a file #bio reads back and finds valid under SeqScore's BIO rules, with no repair", () => {
    const sentences = [
      toIob2({ text, char_spans: [{ start: 0, end: 3, label: "person" }, { start: 13, end: 23, label: "quoted city" }] }, english),
      toIob2({ text: "", char_spans: [] }, english),
      toIob2({ text: "我们今天去北京。", char_spans: [{ start: 2, end: 7, label: "when and where" }] }, {
        words: "segmenter",
        locale: "zh-Hans"
      })
    ]
    const file = writeConll(sentences)
    const read = Result.flatMap(parseConll(file, "x.conll"), (parsed) => checkConll(parsed, "x.conll", "BIO", null))
    expect(Result.isSuccess(read)).toBe(true)
    const checked = Result.getOrThrow(read)
    expect(checked.repaired).toBe(0)
    expect(checked.sentences.map((sentence) => sentence.tags)).toEqual([
      ["B-person", "O", "O", "B-quoted_city", "I-quoted_city", "I-quoted_city", "I-quoted_city", "O", "O", "O", "O", "O", "O", "O", "O"],
      ["O", "B-when_and_where", "I-when_and_where", "I-when_and_where", "O"]
    ])
  })

  it("writes an empty record as no tokens", () => {
    expect(toIob2({ text: "", char_spans: [] }, english)).toEqual({ tokens: [], tags: [], unexpressed: [] })
  })
})

describe("fromIob2", () => {
  const tokens = ["Arsenal", "won", "."]

  it("reads tags back into code point spans, mapping a type back through the label set", () => {
    expect(fromIob2("Arsenal won.", { tokens, tags: ["B-football_club", "O", "O"] }, english, ["football club"]))
      .toEqual([{ start: 0, end: 7, label: "football club" }])
    expect(fromIob2("😀 Ana met 👍🏽Paris.", {
      tokens: ["😀", "Ana", "met", "👍", "🏽", "Paris", "."],
      tags: ["O", "B-person", "O", "O", "O", "B-city", "O"]
    }, english, ["person", "city"])).toEqual([{ start: 2, end: 5, label: "person" }, { start: 12, end: 17, label: "city" }])
  })

  it("keeps a type two labels share, or none has, as it is written", () => {
    const tags = ["B-football_club", "I-football_club", "O"]
    expect(fromIob2("Arsenal won.", { tokens, tags }, english, ["football club", "football_club"])).toEqual([
      { start: 0, end: 11, label: "football_club" }
    ])
    expect(fromIob2("Arsenal won.", { tokens, tags }, english, [])).toEqual([{ start: 0, end: 11, label: "football_club" }])
  })

  it("refuses tokens that are not the text's", () => {
    expect(() => fromIob2("Arsenal won.", { tokens: ["Arsenal", "won."], tags: ["O", "O"] }, english, [])).toThrow(
      /not the tokens/
    )
  })
})
