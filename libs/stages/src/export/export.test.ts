import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { createHash } from "node:crypto"
import { readFileSync, writeFileSync } from "node:fs"
import { AnnotatedPassage, type JudgeSummary } from "#schema"
import { stageFiles } from "../table.ts"
import { readFragment, readOutput, runStageAt, stageFileAt, tinyWorkspace, writeStageFile } from "../workspace.fixture.ts"

const sha256 = (bytes: string | Buffer) => createHash("sha256").update(bytes).digest("hex")
const code = "afr_Latn"

// Code points: "Die " 0-4, the emoji 4 (two UTF-16 units), "Kaapstad" 6-14, "see." 26-30, "Johannesburg" 31-43.
const capeTown = "Die 😀 Kaapstad lê aan die see. Johannesburg is groot."
const annotations = [
  new AnnotatedPassage({
    id: "doc1#0",
    document: "doc1",
    text: capeTown,
    mentions: [
      { start: 6, end: 14, label: "city", mention: "Kaapstad" },
      { start: 26, end: 43, label: "phrase", mention: "see. Johannesburg" }
    ],
    rejected: {}
  }),
  new AnnotatedPassage({
    id: "doc2#0",
    document: "doc2",
    text: "Pretoria is mooi.",
    mentions: [{ start: 0, end: 8, label: "city", mention: "Pretoria" }],
    rejected: {}
  })
]
const labels = {
  language: code,
  translator: "served-model",
  prompt: "a".repeat(64),
  labels: [{ label: "city", translation: "stad", translated: true }]
}
const summary: JudgeSummary = {
  judge: "served-model",
  standIn: false,
  prompt: "b".repeat(64),
  scale: { minimum: 1, maximum: 5 },
  sampled: 2,
  judged: 2,
  meanFaithfulness: 4.5,
  meanCompleteness: 3
}

const upstream = (root: string) => {
  writeStageFile(root, stageFiles.annotate.annotations, code, annotations)
  writeStageFile(root, stageFiles.translate.labels, code, labels)
  writeStageFile(root, stageFiles.judge.summary, code, summary)
}

describe("export", () => {
  it.effect("cuts passages into sentence records with spans re-based in code points, and counts what crosses a sentence", () =>
    Effect.gen(function*() {
      const root = tinyWorkspace([code])
      upstream(root)
      yield* runStageAt(root, "export", code)

      assert.deepStrictEqual(readOutput(root, stageFiles.export.records, code), [
        { id: "doc1-s0", text: "Die 😀 Kaapstad lê aan die see.", char_spans: [{ start: 6, end: 14, label: "city" }] },
        { id: "doc1-s1", text: "Johannesburg is groot.", char_spans: [] },
        { id: "doc2-s0", text: "Pretoria is mooi.", char_spans: [{ start: 0, end: 8, label: "city" }] }
      ])
      assert.deepStrictEqual(readOutput(root, stageFiles.export.labels, code), labels)
      assert.deepStrictEqual(readOutput(root, stageFiles.export.statistics, code), {
        language: code,
        name: "Afrikaans",
        passages: 2,
        records: 3,
        spans: 2,
        droppedAcrossSentences: 1,
        labels: { city: 2 },
        judge: summary,
        offsets: "Unicode code points, end exclusive"
      })

      const fragment = readFragment(root, "export", code)
      assert.deepStrictEqual(fragment.inputs.reads, {
        "annotate/annotations.jsonl": sha256(readFileSync(stageFileAt(root, stageFiles.annotate.annotations, code))),
        "translate/labels.json": sha256(readFileSync(stageFileAt(root, stageFiles.translate.labels, code))),
        "judge/summary.json": sha256(readFileSync(stageFileAt(root, stageFiles.judge.summary, code)))
      })
      assert.deepStrictEqual(Object.keys(fragment.outputs).sort(), [`${code}.jsonl`, "labels.json", "stats.json"])
      assert.strictEqual(fragment.outputs[`${code}.jsonl`].rows, 3)
    }))

  it.effect("reads the judge's summary, not its judgements: without the summary it says to run judge", () =>
    Effect.gen(function*() {
      const root = tinyWorkspace([code])
      writeStageFile(root, stageFiles.annotate.annotations, code, annotations)
      writeStageFile(root, stageFiles.translate.labels, code, labels)
      writeStageFile(root, stageFiles.judge.judgements, code, [])
      const error = yield* runStageAt(root, "export", code).pipe(Effect.flip)
      assert.strictEqual(
        (error as Error).message,
        `languages/${code}/out/judge/summary.json is missing: run the judge stage for this language first`
      )
    }))

  it.effect("names the file and line of an upstream row that does not decode", () =>
    Effect.gen(function*() {
      const root = tinyWorkspace([code])
      upstream(root)
      const file = stageFileAt(root, stageFiles.annotate.annotations, code)
      const rows = readFileSync(file, "utf8").split("\n")
      rows[1] = JSON.stringify({ id: "doc2#0", text: "no mentions field" })
      writeFileSync(file, rows.join("\n"))
      const error = yield* runStageAt(root, "export", code).pipe(Effect.flip)
      assert.match((error as Error).message, new RegExp(`^${file}:2: `))
    }))
})
