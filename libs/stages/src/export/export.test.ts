import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { createHash } from "node:crypto"
import { readFileSync, rmSync, writeFileSync } from "node:fs"
import { AnnotatedPassage, Judgement, type JudgeSummary } from "#schema"
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
    rejected: { truncated: 1 }
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

const usage = (requests: number) => ({ requests, promptTokens: 10 * requests, completionTokens: requests })

const upstream = (root: string) => {
  writeStageFile(root, stageFiles.annotate.annotations, code, annotations)
  writeStageFile(root, stageFiles.annotate.manifest, code, {
    annotator: "served-model",
    passages: 2,
    mentions: 3,
    labels: 2,
    rejected: { truncated: 1 },
    llm: usage(2)
  })
  writeStageFile(root, stageFiles.translate.labels, code, labels)
  writeStageFile(root, stageFiles.translate.manifest, code, {
    translator: "served-model",
    labels: 2,
    translated: 1,
    untranslated: ["phrase"],
    batches: 1,
    failedBatches: 0,
    llm: usage(1)
  })
  writeStageFile(root, stageFiles.judge.summary, code, summary)
  writeStageFile(root, stageFiles.judge.judgements, code, [
    new Judgement({ id: "doc1#0", faithfulness: 5, completeness: 3, missing: [], extra: [], wrong: [] }),
    new Judgement({ id: "doc2#0", faithfulness: 4, completeness: 3, missing: [], extra: [], wrong: [] })
  ])
  writeStageFile(root, stageFiles.judge.manifest, code, {
    judge: "served-model",
    sampled: 2,
    judged: 2,
    rejected: {},
    llm: usage(2)
  })
}

describe("export", () => {
  it.effect("cuts passages into sentence records with spans re-based in code points, and counts what crosses a sentence", () =>
    Effect.gen(function*() {
      const root = tinyWorkspace([code])
      upstream(root)
      yield* runStageAt(root, "export", code)

      // "Johannesburg is groot." has no span: dropped by default, and counted.
      assert.deepStrictEqual(readOutput(root, stageFiles.export.records, code), [
        { id: "doc1-s0", text: "Die 😀 Kaapstad lê aan die see.", char_spans: [{ start: 6, end: 14, label: "city" }] },
        { id: "doc2-s0", text: "Pretoria is mooi.", char_spans: [{ start: 0, end: 8, label: "city" }] }
      ])
      assert.deepStrictEqual(readOutput(root, stageFiles.export.translated, code), [
        { id: "doc1-s0", text: "Die 😀 Kaapstad lê aan die see.", char_spans: [{ start: 6, end: 14, label: "stad", translated: true }] },
        { id: "doc2-s0", text: "Pretoria is mooi.", char_spans: [{ start: 0, end: 8, label: "stad", translated: true }] }
      ])
      // Words and the punctuation after them: "Kaapstad" is the third token, "Pretoria" the first.
      assert.deepStrictEqual(readOutput(root, stageFiles.export.gliner, code), [
        { tokenized_text: ["Die", "😀", "Kaapstad", "lê", "aan", "die", "see", "."], ner: [[2, 2, "city"]] },
        { tokenized_text: ["Pretoria", "is", "mooi", "."], ner: [[0, 0, "city"]] }
      ])
      assert.strictEqual(
        readFileSync(stageFileAt(root, stageFiles.export.conll, code), "utf8"),
        "Die O\n😀 O\nKaapstad B-city\nlê O\naan O\ndie O\nsee O\n. O\n\nPretoria B-city\nis O\nmooi O\n. O\n\n"
      )
      assert.deepStrictEqual(readOutput(root, stageFiles.export.losses, code), [])
      assert.deepStrictEqual(readOutput(root, stageFiles.export.labels, code), labels)
      const statistics = readOutput(root, stageFiles.export.statistics, code) as Record<string, any>
      assert.deepStrictEqual(
        [statistics.passages, statistics.sentences, statistics.spans, statistics.distinctLabels, statistics.dropped],
        [2, 2, 2, 1, { sentencesWithoutSpans: 1, spansAcrossSentences: 1 }]
      )
      assert.deepStrictEqual(statistics.topLabels, [{ label: "city", spans: 2 }])
      assert.deepStrictEqual(statistics.judge.faithfulness, { mean: 4.5, distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 1 } })
      assert.strictEqual(statistics.rejected.annotate.truncated, 1)
      // 2 + 2 + 1 requests; cache hits vary between runs and stay out of a pinned file.
      assert.deepStrictEqual(statistics.llm.total, { requests: 5, promptTokens: 50, completionTokens: 5, cacheHits: null })
      assert.match(readFileSync(stageFileAt(root, stageFiles.export.statisticsCsv, code), "utf8"), /^code,name,script,/)

      const fragment = readFragment(root, "export", code)
      assert.deepStrictEqual(Object.keys(fragment.inputs.reads).sort(), [
        "annotate/annotations.jsonl",
        "annotate/manifest.json",
        "judge/judgements.jsonl",
        "judge/manifest.json",
        "judge/summary.json",
        "translate/labels.json",
        "translate/manifest.json"
      ])
      assert.strictEqual(
        fragment.inputs.reads["judge/summary.json"],
        sha256(readFileSync(stageFileAt(root, stageFiles.judge.summary, code)))
      )
      assert.deepStrictEqual(Object.keys(fragment.outputs).sort(), [
        `${code}.conll`,
        `${code}.gliner.jsonl`,
        `${code}.jsonl`,
        `${code}.parquet`,
        `${code}.x.jsonl`,
        "labels.json",
        "losses.jsonl",
        "stats.csv",
        "stats.json"
      ])
      assert.strictEqual(fragment.outputs[`${code}.jsonl`].rows, 2)
    }))

  it.effect("keeps sentences without spans when its configuration says so", () =>
    Effect.gen(function*() {
      const root = tinyWorkspace([code], {
        "libs/stages/src/export/config.json": () => JSON.stringify({ keepSentencesWithoutSpans: true })
      })
      upstream(root)
      yield* runStageAt(root, "export", code)
      const records = readOutput(root, stageFiles.export.records, code) as Array<{ id: string }>
      assert.deepStrictEqual(records.map((record) => record.id), ["doc1-s0", "doc1-s1", "doc2-s0"])
    }))

  it.effect("lists a span that cuts a word in losses.jsonl and leaves it out of GLiNER and CoNLL, never moved", () =>
    Effect.gen(function*() {
      const root = tinyWorkspace([code])
      upstream(root)
      writeStageFile(root, stageFiles.annotate.annotations, code, [
        new AnnotatedPassage({
          id: "doc3#0",
          document: "doc3",
          text: "Kaapstadhawe is besig.",
          mentions: [{ start: 0, end: 8, label: "city", mention: "Kaapstad" }],
          rejected: {}
        })
      ])
      yield* runStageAt(root, "export", code)
      const losses = readOutput(root, stageFiles.export.losses, code) as Array<Record<string, unknown>>
      assert.deepStrictEqual(losses.map(({ format, start, end, mention }) => ({ format, start, end, mention })), [
        { format: "gliner", start: 0, end: 8, mention: "Kaapstad" },
        { format: "iob2", start: 0, end: 8, mention: "Kaapstad" }
      ])
      assert.deepStrictEqual(readOutput(root, stageFiles.export.gliner, code), [
        { tokenized_text: ["Kaapstadhawe", "is", "besig", "."], ner: [] }
      ])
      assert.deepStrictEqual(readOutput(root, stageFiles.export.records, code), [
        { id: "doc3-s0", text: "Kaapstadhawe is besig.", char_spans: [{ start: 0, end: 8, label: "city" }] }
      ])
    }))

  it.effect("without the judge's summary it says to run judge", () =>
    Effect.gen(function*() {
      const root = tinyWorkspace([code])
      upstream(root)
      rmSync(stageFileAt(root, stageFiles.judge.summary, code))
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
