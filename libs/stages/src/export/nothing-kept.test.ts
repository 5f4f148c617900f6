import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import { parquetMetadata, parquetReadObjects } from "hyparquet"
import { Passage } from "#schema"
import { stageFiles } from "../table.ts"
import { readOutput, runStageAt, stageFileAt, tinyWorkspace, writeStageFile } from "../workspace.fixture.ts"

const code = "afr_Latn"

const passage = (document: string, text: string) =>
  new Passage({ id: `${document}#0`, document, chunk: 0, text, words: text.split(/\s+/).length, url: null })

describe("a language whose score stage keeps no passage", () => {
  it.live("goes through annotate-second, annotate, judge, translate and export, each writing valid empty outputs", () =>
    Effect.gen(function*() {
      // A threshold no probability exceeds: the trained default keeps few or no passages of a corpus its raters call
      // useless (the embedded UDHR articles), so a language with none kept is a normal build, not a failure.
      const root = tinyWorkspace([code], {
        "libs/stages/src/score/config.json": (text) => JSON.stringify({ ...JSON.parse(text), threshold: 1 })
      })
      writeStageFile(root, stageFiles.sample.passages, code, [
        passage("a", "Kaapstad is die oudste stad in Suid-Afrika."),
        passage("b", "Pretoria is die hoofstad.")
      ])
      for (const stage of ["score", "annotate-second", "annotate", "judge", "translate", "export"] as const) yield* runStageAt(root, stage, code)

      const score = readOutput(root, stageFiles.score.manifest, code) as Record<string, unknown>
      assert.strictEqual(score.kept, 0)
      assert.strictEqual(
        score.shortfall,
        "kept 0 passages, fewer than the target of 2500: of 2 scored, 2 below the threshold 1, 0 mostly in another " +
          "language, 0 later chunks of a document already kept"
      )
      assert.deepStrictEqual(readOutput(root, stageFiles.score.passages, code), [])
      assert.deepStrictEqual(readOutput(root, stageFiles.annotate.annotations, code), [])
      assert.deepInclude(readOutput(root, stageFiles.annotate.manifest, code) as object, { passages: 0, mentions: 0 })
      assert.deepStrictEqual(readOutput(root, stageFiles.judge.judgements, code), [])
      assert.deepInclude(readOutput(root, stageFiles.translate.labels, code) as object, { labels: [] })
      for (const file of [stageFiles.export.records, stageFiles.export.translated, stageFiles.export.gliner]) {
        assert.deepStrictEqual(readOutput(root, file, code), [], file.name)
      }
      assert.strictEqual(readFileSync(stageFileAt(root, stageFiles.export.conll, code), "utf8"), "")
      // A parquet file of no rows that still declares the records' columns, so a reader gets an empty table.
      const bytes = readFileSync(stageFileAt(root, stageFiles.export.parquet, code))
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
      const metadata = parquetMetadata(buffer)
      assert.strictEqual(Number(metadata.num_rows), 0)
      assert.includeMembers(metadata.schema.map((element) => element.name), ["id", "text"])
      assert.deepStrictEqual(yield* Effect.promise(() => parquetReadObjects({ file: buffer })), [])
      assert.deepInclude(readOutput(root, stageFiles.export.statistics, code) as object, { sentences: 0 })
    }))
})
