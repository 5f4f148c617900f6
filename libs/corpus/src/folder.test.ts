import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { parquetMetadata } from "hyparquet"
import { parquetWriteBuffer } from "hyparquet-writer"
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { gzipSync, zstdCompressSync } from "node:zlib"
import type { CorpusDocument } from "./Document.ts"
import { readFolder, rowGroupRanges } from "./folder.ts"

/** A temp folder holding `files` (path relative to the folder -> content), removed after the test. */
const corpusFolder = (files: Record<string, string | Uint8Array>) =>
  Effect.acquireRelease(
    Effect.promise(async () => {
      const root = await mkdtemp(join(tmpdir(), "finerweb-corpus-"))
      for (const [path, content] of Object.entries(files)) {
        await mkdir(dirname(join(root, path)), { recursive: true })
        await writeFile(join(root, path), content)
      }
      return root
    }),
    (root) => Effect.promise(() => rm(root, { recursive: true, force: true }))
  )

const jsonl = (...rows: ReadonlyArray<unknown>) => rows.map((row) => JSON.stringify(row)).join("\n") + "\n"

const fineweb = (id: string, text: string, url: string | null = `https://example.org/${id}`) => ({
  text,
  id,
  dump: "CC-MAIN-2024-10",
  url,
  date: "2024-02-21T00:00:00Z",
  file_path: "s3://commoncrawl/x.warc.gz",
  language: "afr",
  language_score: 0.99,
  language_script: "Latn",
  minhash_cluster_size: 1,
  top_langs: "{\"afr_Latn_score\": 0.99}"
})

const parquet = (
  rows: ReadonlyArray<{ id: string; text: string | null; url: string | null }>,
  options: { rowGroupSize?: number; codec?: "SNAPPY" | "ZSTD" | "GZIP" | "UNCOMPRESSED" } = {}
) =>
  new Uint8Array(parquetWriteBuffer({
    columnData: [
      { name: "text", data: rows.map((row) => row.text), type: "STRING" },
      { name: "id", data: rows.map((row) => row.id), type: "STRING" },
      { name: "url", data: rows.map((row) => row.url), type: "STRING" },
      { name: "language", data: rows.map(() => "afr"), type: "STRING" },
      { name: "language_score", data: rows.map(() => 0.98), type: "DOUBLE" }
    ],
    rowGroupSize: options.rowGroupSize ?? 1000,
    codec: options.codec ?? "SNAPPY",
    compressors: { ZSTD: (input) => zstdCompressSync(input), GZIP: (input) => gzipSync(input) }
  }))

const rows = (count: number, prefix = "p") =>
  Array.from({ length: count }, (_, index) => ({ id: `${prefix}${index}`, text: `Teks ${index}`, url: null }))

const collect = (path: string, config?: string) =>
  Stream.runCollect(readFolder(path, config)).pipe(Effect.map((documents) => Array.from(documents)))

const ids = (documents: ReadonlyArray<CorpusDocument>) => documents.map((document) => document.id)

describe("readFolder", () => {
  it.effect("reads JSONL files in sorted path order, line by line, skipping blank lines", () =>
    Effect.gen(function*() {
      const root = yield* corpusFolder({
        "b.jsonl": jsonl(fineweb("b1", "Tweede lêer")),
        "a.jsonl": `${JSON.stringify(fineweb("a1", "Eerste"))}\r\n\r\n  \n${JSON.stringify({ id: "a2", text: "Sonder url" })}`,
        "notes.txt": "not a corpus file"
      })
      assert.deepStrictEqual(yield* collect(root), [
        { id: "a1", text: "Eerste", url: "https://example.org/a1" },
        { id: "a2", text: "Sonder url", url: null },
        { id: "b1", text: "Tweede lêer", url: "https://example.org/b1" }
      ])
    }))

  it.effect.each(["SNAPPY", "ZSTD", "GZIP", "UNCOMPRESSED"] as const)("reads %s parquet across row groups", (codec) =>
    Effect.gen(function*() {
      const shard = parquet([...rows(4), { id: "u", text: "Met url", url: "https://example.org/u" }], {
        rowGroupSize: 2,
        codec
      })
      const metadata = parquetMetadata(shard)
      assert.strictEqual(metadata.row_groups.length, 3)
      assert.strictEqual(metadata.row_groups[0].columns[0].meta_data?.codec, codec)
      const root = yield* corpusFolder({ "shard.parquet": shard })
      const documents = yield* collect(root)
      assert.deepStrictEqual(ids(documents), ["p0", "p1", "p2", "p3", "u"])
      assert.deepStrictEqual(documents[2], { id: "p2", text: "Teks 2", url: null })
      assert.strictEqual(documents[4].url, "https://example.org/u")
    }))

  it.effect("reads one config of a FineWeb-2 download, mixing parquet and JSONL", () =>
    Effect.gen(function*() {
      const root = yield* corpusFolder({
        "data/afr_Latn/train/000_00001.parquet": parquet(rows(2, "second")),
        "data/afr_Latn/train/000_00000.parquet": parquet(rows(2, "first")),
        "data/afr_Latn/train/extra.jsonl": jsonl(fineweb("j", "Uit JSONL")),
        "data/afr_Latn/test/000_00000.parquet": parquet(rows(1, "test")),
        "data/zul_Latn/train/000_00000.parquet": parquet(rows(1, "zulu"))
      })
      assert.deepStrictEqual(ids(yield* collect(root, "afr_Latn")), ["first0", "first1", "second0", "second1", "j"])
    }))

  it.effect.each([
    { line: "{\"id\": \"x\"}", problem: "corpus row without text" },
    { line: "{\"id\": \"x\", \"text\": \"\"}", problem: "corpus row without text" },
    { line: "{\"text\": \"Woorde\"}", problem: "corpus row without id" },
    { line: "{\"id\": \"x\", \"text\": 3}", problem: "corpus row with invalid text (Expected string)" },
    { line: "{\"id\": \"x\", \"text\": \"Woorde\"", problem: "corpus row is not valid JSON" },
    { line: "[1, 2]", problem: "corpus row is not an object" }
  ])("names the file and line of a malformed JSONL row: $problem", ({ line, problem }) =>
    Effect.gen(function*() {
      const root = yield* corpusFolder({ "a.jsonl": `${JSON.stringify(fineweb("ok", "Goed"))}\n\n${line}\n` })
      const error = yield* Effect.flip(collect(root))
      assert.strictEqual(error._tag, "MalformedCorpusRow")
      assert.strictEqual(error.message, `${problem}: ${join(root, "a.jsonl")}:3`)
    }))

  it.effect("names the file and row of a malformed parquet row", () =>
    Effect.gen(function*() {
      const root = yield* corpusFolder({
        "shard.parquet": parquet([...rows(3), { id: "bad", text: null, url: null }], { rowGroupSize: 2 })
      })
      const error = yield* Effect.flip(collect(root))
      assert.strictEqual(error.message, `corpus row without text: ${join(root, "shard.parquet")} row 4`)
    }))

  it.effect("fails with CorpusReadFailed naming a corrupt parquet file", () =>
    Effect.gen(function*() {
      const root = yield* corpusFolder({ "broken.parquet": "this is not parquet" })
      const error = yield* Effect.flip(collect(root))
      assert.strictEqual(error._tag, "CorpusReadFailed")
      assert.include(error.message, join(root, "broken.parquet"))
      assert.notInclude(error.message, "\n")
    }))

  it.effect("reads lazily: taking the first rows never reaches a later malformed row", () =>
    Effect.gen(function*() {
      const root = yield* corpusFolder({
        "a.jsonl": jsonl(fineweb("a1", "Een"), fineweb("a2", "Twee"), { id: "broken" }),
        "b.parquet": parquet([...rows(2), { id: "bad", text: "", url: null }], { rowGroupSize: 2 })
      })
      const taken = yield* Stream.runCollect(readFolder(root).pipe(Stream.take(2)))
      assert.deepStrictEqual(ids(Array.from(taken)), ["a1", "a2"])
      const root2 = yield* corpusFolder({ "b.parquet": parquet([...rows(2), { id: "bad", text: "", url: null }], { rowGroupSize: 2 }) })
      const fromParquet = yield* Stream.runCollect(readFolder(root2).pipe(Stream.take(2)))
      assert.deepStrictEqual(ids(Array.from(fromParquet)), ["p0", "p1"])
    }))

  it.effect("fails with CorpusNotFound for a missing folder, a folder without corpus files, or an absent config", () =>
    Effect.gen(function*() {
      const root = yield* corpusFolder({ "readme.txt": "nothing here" })
      const missing = yield* Effect.flip(collect(join(root, "nope")))
      assert.strictEqual(missing._tag, "CorpusNotFound")
      assert.include(missing.message, join(root, "nope"))
      const empty = yield* Effect.flip(collect(root))
      assert.strictEqual(empty._tag, "CorpusNotFound")
      assert.strictEqual(empty.message, `corpus not found: ${root} (no .jsonl or .parquet file)`)
      const config = yield* Effect.flip(collect(root, "afr_Latn"))
      assert.include(config.message, join(root, "data", "afr_Latn", "train"))
    }))
})

describe("rowGroupRanges", () => {
  it("turns row group sizes into consecutive row ranges", () => {
    assert.deepStrictEqual(rowGroupRanges([2, 3, 1]), [
      { rowStart: 0, rowEnd: 2 },
      { rowStart: 2, rowEnd: 5 },
      { rowStart: 5, rowEnd: 6 }
    ])
  })
})
