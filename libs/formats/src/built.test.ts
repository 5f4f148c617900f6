import { checkConll, parseConll, writeConll } from "#bio"
import { ExportRecord, Language } from "#schema"
import { codePointOffsets, wordSpans } from "#text"
import { Result, Schema } from "effect"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { fromGliner, toGliner } from "./gliner.ts"
import { toIob2 } from "./iob2.ts"
import { roundTrip } from "./roundtrip.ts"

const languages = fileURLToPath(new URL("../../../languages", import.meta.url))
const built = readdirSync(languages).filter((code) => existsSync(join(languages, code, "out", "export", `${code}.jsonl`)))

const load = (code: string) => {
  const language = Schema.decodeUnknownSync(Language)(
    JSON.parse(readFileSync(join(languages, code, "language.json"), "utf8"))
  )
  const records = readFileSync(join(languages, code, "out", "export", `${code}.jsonl`), "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => Schema.decodeUnknownSync(ExportRecord)(JSON.parse(line)))
  return { writing: language.writing, records }
}

describe("the round trip over every built language's sentence records", () => {
  if (built.length === 0) it.skip("(skipped: no language is built; run npm run build)", () => {})

  it.each(built)("%s: a span is lost only where it cuts one of #text's words, and the CoNLL file is valid", (code) => {
    const { writing, records } = load(code)
    for (const record of records) {
      const offsets = codePointOffsets(record.text)
      const words = wordSpans(record.text, writing).map((word) => ({ start: offsets[word.start], end: offsets[word.end] }))
      const cutsWord = (offset: number) => words.some((word) => word.start < offset && offset < word.end)
      const lost = roundTrip(record, writing)
      for (const loss of [...lost.gliner, ...lost.iob2]) {
        expect(loss.reason, `${record.id}: ${JSON.stringify(loss)}`).toMatch(/^its (start|end) \d+ falls inside the token/)
        expect(cutsWord(loss.span.start) || cutsWord(loss.span.end), `${record.id}: ${loss.mention}`).toBe(true)
      }
      const { gliner, unexpressed } = toGliner(record, writing)
      const kept = record.char_spans.filter((span) => !unexpressed.some((loss) => loss.span === span))
      expect(fromGliner(record.text, gliner, writing)).toEqual(kept)
      // Every character but white space is in a token, and no token holds white space.
      expect(gliner.tokenized_text.join("")).toBe(record.text.replace(/\s/gu, ""))
      expect(gliner.tokenized_text.filter((token) => /\s/u.test(token))).toEqual([])
    }
    const file = `${code}.conll`
    const checked = Result.flatMap(
      parseConll(writeConll(records.map((record) => toIob2(record, writing))), file),
      (sentences) => checkConll(sentences, file, "BIO", null)
    )
    expect(Result.isSuccess(checked) ? checked.success.sentences.length : checked.failure.message).toBe(records.length)
  })
})
