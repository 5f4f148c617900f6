import { ExportRecord, TranslatedRecord } from "#schema"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { translateRecord } from "./translate.ts"

const record = new ExportRecord({
  id: "doc-1-s0",
  text: "Ana lives in Madrid, Spain.",
  char_spans: [
    { start: 0, end: 3, label: "person" },
    { start: 13, end: 19, label: "city" },
    { start: 21, end: 26, label: "country" }
  ]
})

describe("translateRecord", () => {
  it("takes each label's translation, and keeps an untranslated or unknown label in English, marked", () => {
    const translated = translateRecord(record, [
      { label: "city", translation: "ciudad", translated: true },
      { label: "person", translation: "person", translated: false },
      { label: "city", translation: "ciudad", translated: true }
    ])
    expect(translated).toBeInstanceOf(TranslatedRecord)
    expect(translated.id).toBe("doc-1-s0")
    expect(translated.text).toBe(record.text)
    expect(translated.char_spans).toEqual([
      { start: 0, end: 3, label: "person", translated: false },
      { start: 13, end: 19, label: "ciudad", translated: true },
      { start: 21, end: 26, label: "country", translated: false }
    ])
    expect(Schema.decodeUnknownSync(TranslatedRecord)(JSON.parse(JSON.stringify(translated)))).toEqual(translated)
  })

  it("does not take an empty translation", () => {
    const translated = translateRecord(record, [{ label: "city", translation: " ", translated: true }])
    expect(translated.char_spans[1]).toEqual({ start: 13, end: 19, label: "city", translated: false })
  })

  it("refuses a mapping that gives one label two outcomes", () => {
    expect(() =>
      translateRecord(record, [
        { label: "city", translation: "ciudad", translated: true },
        { label: "city", translation: "urbe", translated: true }
      ])
    ).toThrow("the label 'city' is listed twice, as 'ciudad' and as 'urbe'")
    expect(() =>
      translateRecord(record, [
        { label: "city", translation: "ciudad", translated: true },
        { label: "city", translation: "city", translated: false }
      ])
    ).toThrow(/listed twice/)
  })

  it("the schema refuses a span without its mark", () => {
    expect(() =>
      Schema.decodeUnknownSync(TranslatedRecord)({ id: "d-s0", text: "x", char_spans: [{ start: 0, end: 1, label: "a" }] })
    ).toThrow()
  })
})
