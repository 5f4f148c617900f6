import { describe, expect, it } from "vitest"
import { roundTrip } from "./roundtrip.ts"

const english = { words: "space", locale: "en" } as const

describe("roundTrip", () => {
  it("finds nothing lost when every span lies on token edges, emoji and all", () => {
    const record = {
      text: "😀 Ana met 𐌰𐌱 in 👍🏽Paris.",
      char_spans: [
        { start: 2, end: 5, label: "person" },
        { start: 10, end: 12, label: "a word" },
        { start: 18, end: 23, label: "city" }
      ]
    }
    expect(roundTrip(record, english)).toEqual({ gliner: [], iob2: [] })
    const chinese = { text: "我们今天去北京。", char_spans: [{ start: 0, end: 2, label: "we" }, { start: 5, end: 7, label: "city" }] }
    expect(roundTrip(chinese, { words: "segmenter", locale: "zh-Hans" })).toEqual({ gliner: [], iob2: [] })
    const japanese = { text: "日本語の文章です。", char_spans: [{ start: 4, end: 8, label: "phrase" }] }
    expect(roundTrip(japanese, { words: "segmenter", locale: "ja" })).toEqual({ gliner: [], iob2: [] })
  })

  it("names a span inside a word in both formats, and an overlapping one in IOB2 only", () => {
    const record = {
      text: "Ana lives in \"New York\". She likes Kenya's tea — really.",
      char_spans: [
        { start: 14, end: 22, label: "city" },
        { start: 18, end: 22, label: "state" },
        { start: 35, end: 40, label: "country" }
      ]
    }
    const lost = roundTrip(record, english)
    const inside = { span: record.char_spans[2], mention: "Kenya", reason: "its end 40 falls inside the token 'Kenya's' (35-42)" }
    expect(lost.gliner).toEqual([inside])
    expect(lost.iob2).toEqual([
      inside,
      {
        span: record.char_spans[1],
        mention: "York",
        reason: "it overlaps the span 14-22 'city', and IOB2 gives a token one mention"
      }
    ])
  })

  it("finds the IOB2 labels of two labels written alike not coming back", () => {
    const record = {
      text: "Arsenal and Chelsea",
      char_spans: [{ start: 0, end: 7, label: "football club" }, { start: 12, end: 19, label: "football_club" }]
    }
    const lost = roundTrip(record, english)
    expect(lost.gliner).toEqual([])
    expect(lost.iob2.map((loss) => [loss.mention, loss.reason.slice(0, 23)])).toEqual([
      ["Arsenal", "it did not come back (r"],
      // Both come back as "football_club": Chelsea's is right, Arsenal's is a span no one wrote.
      ["Arsenal", "it came back, but no su"]
    ])
  })

  it("finds nothing to lose in an empty record", () => {
    expect(roundTrip({ text: "", char_spans: [] }, english)).toEqual({ gliner: [], iob2: [] })
    expect(roundTrip({ text: "No names here.", char_spans: [] }, english)).toEqual({ gliner: [], iob2: [] })
  })
})
