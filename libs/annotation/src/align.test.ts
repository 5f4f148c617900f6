import { describe, expect, it } from "vitest"
import { alignMentions } from "./align.ts"
import { sliceCodePoints } from "#text"

const city = (mention: string) => ({ mention, label: "city" })
const spaced = { words: "space" } as const
const segmented = { words: "segmenter" } as const

describe("alignMentions", () => {
  it("gives a repeated mention one span per listing, in order", () => {
    const text = "Paris is big. Lyon and Paris are in France."
    expect(alignMentions(text, [city("Paris"), city("Lyon"), city("Paris")], spaced)).toEqual({
      spans: [
        { start: 0, end: 5, label: "city", mention: "Paris" },
        { start: 14, end: 18, label: "city", mention: "Lyon" },
        { start: 23, end: 28, label: "city", mention: "Paris" }
      ],
      rejected: {}
    })
  })

  it("places a mention listed out of order before the cursor, leaving the cursor where it was", () => {
    const text = "Uganda borders Kenya. Nairobi is in Kenya."
    const { spans, rejected } = alignMentions(text, [
      { mention: "Nairobi", label: "city" },
      { mention: "Uganda", label: "country" },
      { mention: "Kenya", label: "country" }
    ], spaced)
    expect(rejected).toEqual({})
    // Kenya is searched from after Nairobi, not after Uganda, so it lands on the second "Kenya", not the first.
    expect(spans.map((s) => [s.start, s.mention])).toEqual([[0, "Uganda"], [22, "Nairobi"], [36, "Kenya"]])
  })

  it("wraps around to an earlier occurrence not overlapping a placed span", () => {
    const text = "Paris and Paris."
    const { spans } = alignMentions(text, [city("Paris"), city("Paris")], spaced)
    expect(spans.map((s) => s.start)).toEqual([0, 10])
    const backwards = alignMentions("Rome, then Paris, then Rome.", [city("Paris"), city("Rome"), city("Rome")], spaced)
    expect(backwards.spans.map((s) => s.start)).toEqual([0, 11, 23])
  })

  it("counts a mention absent from the text, matching case-sensitively", () => {
    const text = "The Nile flows north."
    expect(alignMentions(text, [{ mention: "the nile", label: "river" }, { mention: "Congo", label: "river" }], spaced))
      .toEqual({ spans: [], rejected: { "mention-not-in-text": 2 } })
  })

  it("tries a mention again without surrounding quotes and punctuation", () => {
    const text = "He joined Safaricom in 2010 and moved to M-Pesa."
    const { spans, rejected } = alignMentions(text, [
      { mention: "\u201cSafaricom\u201d", label: "company" },
      { mention: "M-Pesa.", label: "service" },
      { mention: "`2010`", label: "year" }
    ], spaced)
    expect(rejected).toEqual({})
    expect(spans.map((s) => s.mention)).toEqual(["Safaricom", "2010", "M-Pesa."])
    expect(spans.map((s) => sliceCodePoints(text, s.start, s.end))).toEqual(["Safaricom", "2010", "M-Pesa."])
  })

  it("counts a mention listed more often than the text holds it as repetition", () => {
    expect(alignMentions("Lagos is large.", [city("Lagos"), city("Lagos")], spaced)).toEqual({
      spans: [{ start: 0, end: 5, label: "city", mention: "Lagos" }],
      rejected: { repetition: 1 }
    })
  })

  it("counts a mention nested in a placed span as malformed", () => {
    const text = "She studied at the University of Nairobi."
    expect(alignMentions(text, [
      { mention: "University of Nairobi", label: "university" },
      { mention: "Nairobi", label: "city" }
    ], spaced)).toEqual({
      spans: [{ start: 19, end: 40, label: "university", mention: "University of Nairobi" }],
      rejected: { malformed: 1 }
    })
  })

  it("counts offsets in code points after astral characters", () => {
    const text = "😀🎉 Paris 𠀋 Lyon"
    const { spans } = alignMentions(text, [city("Paris"), city("Lyon")], spaced)
    expect(spans).toEqual([
      { start: 3, end: 8, label: "city", mention: "Paris" },
      { start: 11, end: 15, label: "city", mention: "Lyon" }
    ])
    expect(text.indexOf("Paris")).toBe(5)
    expect(Array.from(text).slice(3, 8).join("")).toBe("Paris")
  })

  it("aligns in Thai and Chinese text written without spaces", () => {
    const thai = "กรุงเทพมหานครเป็นเมืองหลวงของประเทศไทย"
    const thaiMentions = [city("กรุงเทพมหานคร"), { mention: "ประเทศไทย", label: "country" }]
    const thaiSpans = alignMentions(thai, thaiMentions, segmented).spans
    expect(thaiSpans.map((s) => [s.start, s.end])).toEqual([[0, 13], [29, 38]])
    expect(thaiSpans.map((s) => sliceCodePoints(thai, s.start, s.end))).toEqual(["กรุงเทพมหานคร", "ประเทศไทย"])

    const chinese = "𠀋村的李明昨天去了北京和上海，然后回到北京。"
    const { spans, rejected } = alignMentions(chinese, [
      { mention: "李明", label: "person" },
      city("北京"),
      city("上海"),
      city("北京"),
      city("广州")
    ], segmented)
    expect(spans.map((s) => [s.start, s.end, s.mention])).toEqual([
      [3, 5, "李明"], [9, 11, "北京"], [12, 14, "上海"], [19, 21, "北京"]
    ])
    expect(rejected).toEqual({ "mention-not-in-text": 1 })
  })

  it("in spaced scripts, skips an occurrence inside a longer word for one standing alone", () => {
    // "Die Politik Russlands und " is 26 code points long.
    const text = "Die Politik Russlands und Russland."
    expect(alignMentions(text, [{ mention: "Russland", label: "country" }], spaced)).toEqual({
      spans: [{ start: 26, end: 34, label: "country", mention: "Russland" }],
      rejected: {}
    })
  })

  it("counts a mention found only inside longer words as mention-inside-word", () => {
    expect(alignMentions("Die Politik Russlands.", [{ mention: "Russland", label: "country" }], spaced)).toEqual({
      spans: [],
      rejected: { "mention-inside-word": 1 }
    })
  })

  it("reads word boundaries between letters outside the BMP", () => {
    // Gothic letters are two UTF-16 units each: "𐌲𐌿𐌸" inside "𐌲𐌿𐌸𐍃" is skipped, the one after the space
    // starts at code point 5.
    const text = "𐌲𐌿𐌸𐍃 𐌲𐌿𐌸"
    expect(alignMentions(text, [{ mention: "𐌲𐌿𐌸", label: "deity" }], spaced).spans)
      .toEqual([{ start: 5, end: 8, label: "deity", mention: "𐌲𐌿𐌸" }])
  })

  it("has no word boundary rule where the segmenter cuts words", () => {
    expect(alignMentions("Die Politik Russlands.", [{ mention: "Russland", label: "country" }], segmented).spans)
      .toEqual([{ start: 12, end: 20, label: "country", mention: "Russland" }])
  })
})
