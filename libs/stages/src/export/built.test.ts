import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { installedRoot } from "#workspace"

const languages = join(installedRoot, "languages")
const built = readdirSync(languages).filter((code) => existsSync(join(languages, code, "out/export", `${code}.jsonl`)))

const rows = (file: string) =>
  readFileSync(file, "utf8").split("\n").filter((line) => line !== "").map((line) => JSON.parse(line))

/** Code points, as the offsets count them. */
const slice = (text: string, start: number, end: number) => [...text].slice(start, end).join("")

interface Span {
  readonly start: number
  readonly end: number
  readonly label: string
}

describe("every built language's export", () => {
  if (built.length === 0) it.skip("(skipped: no language is built; run npm run build)", () => {})

  it.each(built)("%s: each span's text is a mention annotate found with that label, in both label sets", (code) => {
    const out = (stage: string, file: string) => join(languages, code, "out", stage, file)
    const mentions = new Map<string, Array<{ mention: string; label: string }>>()
    for (const passage of rows(out("annotate", "annotations.jsonl"))) {
      mentions.set(passage.document, [...(mentions.get(passage.document) ?? []), ...passage.mentions])
    }
    const english = rows(out("export", `${code}.jsonl`))
    const translated = rows(out("export", `${code}.x.jsonl`))
    expect(translated.map((record) => record.id)).toEqual(english.map((record) => record.id))
    english.forEach((record, index) => {
      const found = mentions.get(record.id.replace(/-s\d+$/, "")) ?? []
      for (const span of record.char_spans as Array<Span>) {
        const text = slice(record.text, span.start, span.end)
        expect(found.some((mention) => mention.mention === text && mention.label === span.label), `${record.id}: ${text}`).toBe(true)
      }
      // The translated set keeps every span at the same offsets.
      expect(translated[index].char_spans.map(({ start, end }: Span) => [start, end]))
        .toEqual(record.char_spans.map(({ start, end }: Span) => [start, end]))
    })
  })
})
