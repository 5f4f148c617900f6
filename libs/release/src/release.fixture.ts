import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { rejectionReasons } from "#schema"
import { installedRoot } from "#workspace"

/**
 * A workspace of two languages whose exports are written by hand (as export will write them), with the lock fragments
 * of the stages before: what the release target finds after `nx run-many -t export`.
 */

interface Span {
  readonly start: number
  readonly end: number
  readonly label: string
}
interface Sentence {
  readonly id: string
  readonly text: string
  readonly char_spans: ReadonlyArray<Span>
}

export const sentences: Record<string, ReadonlyArray<Sentence>> = {
  afr_Latn: [
    { id: "d1-s0", text: "Kaapstad is mooi.", char_spans: [{ start: 0, end: 8, label: "city" }] },
    {
      id: "d1-s1",
      text: "Jan woon in Pretoria.",
      char_spans: [{ start: 0, end: 3, label: "person" }, { start: 12, end: 20, label: "city" }]
    },
    // Code points: the emoji is one, two UTF-16 units.
    { id: "d2-s0", text: "Die 😀 Kaapstad.", char_spans: [{ start: 6, end: 14, label: "city" }] }
  ],
  tha_Thai: [{ id: "t1-s0", text: "กรุงเทพสวย", char_spans: [{ start: 0, end: 7, label: "city" }] }]
}

export const passages: Record<string, number> = { afr_Latn: 2, tha_Thai: 1 }
/** Judged passages and the judge's scores (faithfulness, completeness), 1-5. */
const judged: Record<string, ReadonlyArray<readonly [number, number]>> = {
  afr_Latn: [[4, 5], [5, 3]],
  tha_Thai: [[5, 3]]
}

const toJsonl = (rows: ReadonlyArray<unknown>) => rows.map((row) => JSON.stringify(row) + "\n").join("")
const toJson = (value: unknown) => JSON.stringify(value, null, 2) + "\n"

const scores = (values: ReadonlyArray<number>) => ({
  mean: values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 1000) / 1000,
  distribution: Object.fromEntries([1, 2, 3, 4, 5].map((score) => [String(score), values.filter((v) => v === score).length]))
})

const usage = { requests: 0, promptTokens: 0, completionTokens: 0, cacheHits: null }
const noRejections = Object.fromEntries(rejectionReasons.map((reason) => [reason, 0]))

/** `stats.json` as export writes it (#schema's LanguageStatistics), counted from the fixture by hand. */
const statistics = (code: string, name: string, script: string) => {
  const records = sentences[code]
  const labels: Record<string, number> = {}
  for (const record of records) for (const span of record.char_spans) labels[span.label] = (labels[span.label] ?? 0) + 1
  const spans = Object.values(labels).reduce((a, b) => a + b, 0)
  const perSentence = records.map((record) => record.char_spans.length)
  return {
    code,
    name,
    script,
    passages: passages[code],
    sentences: records.length,
    spans,
    dropped: { sentencesWithoutSpans: 0, spansAcrossSentences: 0 },
    distinctLabels: Object.keys(labels).length,
    topLabels: Object.entries(labels).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).map(([label, n]) => ({ label, spans: n })),
    labels: Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1))),
    spansPerSentence: {
      mean: Math.round((spans / records.length) * 1000) / 1000,
      distribution: Object.fromEntries(
        ["0", "1", "2", "3", "4", "5+"].map((key, n) => [key, perSentence.filter((k) => (n === 5 ? k >= 5 : k === n)).length])
      )
    },
    judge: {
      judge: "finerweb-offline-teacher-1",
      standIn: true,
      sampled: judged[code].length,
      judged: judged[code].length,
      faithfulness: scores(judged[code].map(([f]) => f)),
      completeness: scores(judged[code].map(([, c]) => c))
    },
    rejected: { annotate: noRejections, judge: noRejections },
    llm: { annotate: usage, judge: usage, translate: usage, total: usage },
    offsets: "Unicode code points, end exclusive"
  }
}

const teacher = { endpoint: "offline-teacher", model: "finerweb-offline-teacher-1", standIn: true }

/** Lock fragments as the stages write them, with only the inputs the release reads. */
const fragments = (code: string): Record<string, Record<string, unknown>> => ({
  sample: { config: { seed: "finerweb-1", wordsPerPassage: 256 }, source: `embedded:udhr/${code.slice(0, 3)}` },
  score: { config: { threshold: 0.5 }, model: { path: "libs/scoring/model/scorer.onnx", sha256: "5".repeat(64) } },
  annotate: { config: { temperature: 0 }, llm: teacher },
  judge: { config: { sample: 25 }, llm: teacher },
  translate: { config: { temperature: 0 }, llm: teacher },
  export: { language: "0".repeat(64) }
})

/** A scratch workspace holding the two languages' exports and lock fragments; returns its root. */
export const releaseWorkspace = (): string => {
  const root = mkdtempSync(join(tmpdir(), "finerweb-release-"))
  for (const code of Object.keys(sentences)) {
    const folder = join(root, "languages", code)
    mkdirSync(folder, { recursive: true })
    cpSync(join(installedRoot, "languages", code, "language.json"), join(folder, "language.json"))
    const out = (stage: string) => {
      mkdirSync(join(folder, "out", stage), { recursive: true })
      return join(folder, "out", stage)
    }
    for (const [stage, inputs] of Object.entries(fragments(code))) {
      writeFileSync(join(out(stage), "lock.json"), toJson({ language: code, stage, inputs, outputs: {} }))
    }
    const exported = out("export")
    const records = sentences[code]
    writeFileSync(join(exported, `${code}.jsonl`), toJsonl(records))
    writeFileSync(
      join(exported, `${code}.x.jsonl`),
      toJsonl(records.map((record) => ({
        ...record,
        char_spans: record.char_spans.map((span) => ({ ...span, label: `${span.label}-x`, translated: true }))
      })))
    )
    writeFileSync(join(exported, `${code}.gliner.jsonl`), toJsonl(records.map((record) => ({ tokenized_text: [record.text], ner: [] }))))
    writeFileSync(join(exported, `${code}.conll`), records.map((record) => `${record.text} O\n`).join("\n"))
    // The release copies the parquet's bytes; these stand for the file export writes.
    writeFileSync(join(exported, `${code}.parquet`), new TextEncoder().encode(`PAR1${code}PAR1`))
    writeFileSync(join(exported, "labels.json"), toJson({ language: code, labels: [] }))
    const name = code === "afr_Latn" ? "Afrikaans" : "Thai"
    writeFileSync(join(exported, "stats.json"), toJson(statistics(code, name, code.slice(4))))
  }
  return root
}
