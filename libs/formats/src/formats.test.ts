import { describe, expect, it } from "vitest"
import { toSentenceRecords } from "./records.ts"

const slice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join("")

describe("toSentenceRecords", () => {
  const text = "😀 Ana lives in Kenya. She moved to Paris."
  const mention = (value: string, label: string) => {
    const start = Array.from(text.slice(0, text.indexOf(value))).length
    return { start, end: start + Array.from(value).length, label, mention: value }
  }

  it("re-bases spans to their sentence and numbers records per document", () => {
    const { records, droppedAcrossSentences } = toSentenceRecords(
      { document: "doc-7", text, mentions: [mention("Kenya", "country"), mention("Paris", "city")] },
      "en"
    )
    expect(droppedAcrossSentences).toBe(0)
    expect(records.map((r) => r.id)).toEqual(["doc-7-s0", "doc-7-s1"])
    const [first, second] = records
    expect(first.char_spans).toEqual([{ start: 15, end: 20, label: "country" }])
    expect(slice(first.text, 15, 20)).toBe("Kenya")
    expect(slice(second.text, second.char_spans[0].start, second.char_spans[0].end)).toBe("Paris")
  })

  it("gives one record per sentence, trimmed, after a line break too", () => {
    const passage = "😀 Ana lives in Kenya.  She moved to Paris.\nArticle 2\n"
    const { records } = toSentenceRecords({ document: "d", text: passage, mentions: [] }, "en")
    expect(records.map((r) => r.text)).toEqual(["😀 Ana lives in Kenya.", "She moved to Paris.", "Article 2"])
  })

  it("drops and counts a span that crosses a sentence boundary", () => {
    const { records, droppedAcrossSentences } = toSentenceRecords(
      { document: "d", text, mentions: [mention("Kenya. She", "odd"), mention("Paris", "city")] },
      "en"
    )
    expect(droppedAcrossSentences).toBe(1)
    expect(records.flatMap((r) => r.char_spans.map((s) => s.label))).toEqual(["city"])
  })
})
