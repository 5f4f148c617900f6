import { DuckDBInstance } from "@duckdb/node-api"
import type { DuckDBConnection } from "@duckdb/node-api"
import { Schema } from "effect"
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { parquetReadObjects } from "hyparquet"
import { ExportRecord } from "#schema"
import { installedRoot } from "#workspace"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { huggingFacePath, recordsToParquet } from "./parquet.ts"

const record = (id: string, text: string, char_spans: ReadonlyArray<{ start: number; end: number; label: string }>) =>
  new ExportRecord({ id, text, char_spans })

// Offsets are code points, end exclusive, counted by hand: "😀" is one code point (two UTF-16 units), so "Ana" is 2-5.
const records = [
  record("doc-1-s0", "😀 Ana lives in Kenya.", [
    { start: 2, end: 5, label: "person" },
    { start: 15, end: 20, label: "country" }
  ]),
  record("doc-1-s1", "No names here.", []),
  // Spans kept in the order given, not sorted: the writer must not reorder a list.
  record("doc-2-s0", "我们今天去北京。", [
    { start: 5, end: 7, label: "city" },
    { start: 0, end: 2, label: "pronoun group" }
  ]),
  record("doc-3-s0", "ฉันรักกรุงเทพมหานคร 🇹🇭", [{ start: 6, end: 19, label: "capital city" }]),
  // "𐌰𐌱" are two code points of two UTF-16 units each: "O'Brien" is 11-18.
  record("doc-4-s0", "𐌰𐌱 and the O'Brien \"quoted\" label", [
    { start: 11, end: 18, label: "person's \"name\"" }
  ]),
  record("doc-5-s0", "ไม่มี", [])
]

/** The records as plain data, the shape both readers give back. */
const plain = (rows: ReadonlyArray<ExportRecord>) =>
  rows.map((row) => ({
    id: row.id,
    text: row.text,
    char_spans: row.char_spans.map((span) => ({ start: span.start, end: span.end, label: span.label }))
  }))

const codePoints = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join("")

let folder: string
let instance: DuckDBInstance
let connection: DuckDBConnection
let written = 0

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "finerweb-parquet-"))
  instance = await DuckDBInstance.create(":memory:")
  connection = await instance.connect()
})

afterAll(() => {
  connection.closeSync()
  instance.closeSync()
  rmSync(folder, { recursive: true, force: true })
})

/** Writes the bytes to a file of their own, as DuckDB reads files, and gives its path. */
const file = (bytes: Uint8Array) => {
  const path = join(folder, `${written++}.parquet`)
  writeFileSync(path, bytes)
  return path
}

const query = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson()

/** Every row as DuckDB reads it, in the file's row order. */
const readWithDuckDB = (path: string) =>
  query(`SELECT id, text, char_spans FROM read_parquet('${path}', file_row_number = true) ORDER BY file_row_number`)

const readWithHyparquet = (bytes: Uint8Array) =>
  parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer })

describe("recordsToParquet", () => {
  it("gives DuckDB every row back: ids, texts outside the BMP, Thai and Chinese, spans in order, empty lists", async () => {
    const rows = await readWithDuckDB(file(recordsToParquet(records)))
    expect(rows).toEqual(plain(records))
    // The offsets still pick the mentions out of the text DuckDB returns, counted in code points.
    const [first, , chinese, thai, gothic] = rows as unknown as ReturnType<typeof plain>
    expect(first.char_spans.map((span) => codePoints(first.text, span.start, span.end))).toEqual(["Ana", "Kenya"])
    expect(chinese.char_spans.map((span) => codePoints(chinese.text, span.start, span.end))).toEqual(["北京", "我们"])
    expect(codePoints(thai.text, 6, 19)).toBe("กรุงเทพมหานคร")
    expect(codePoints(gothic.text, 11, 18)).toBe("O'Brien")
  })

  it("gives hyparquet, the project's reader, the same rows", async () => {
    expect(await readWithHyparquet(recordsToParquet(records))).toEqual(plain(records))
  })

  it("declares char_spans as a list of struct {start int32, end int32, label string}, strings as UTF-8", async () => {
    const path = file(recordsToParquet(records))
    const columns = await query(`DESCRIBE SELECT * FROM read_parquet('${path}')`)
    expect(columns.map((column) => [column.column_name, column.column_type])).toEqual([
      ["id", "VARCHAR"],
      ["text", "VARCHAR"],
      ["char_spans", "STRUCT(\"start\" INTEGER, \"end\" INTEGER, \"label\" VARCHAR)[]"]
    ])
    const schema = await query(
      `SELECT name, type, converted_type, repetition_type FROM parquet_schema('${path}') WHERE name <> 'root'`
    )
    expect(schema).toEqual([
      { name: "id", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
      { name: "text", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
      { name: "char_spans", type: null, converted_type: "LIST", repetition_type: "REQUIRED" },
      { name: "list", type: null, converted_type: null, repetition_type: "REPEATED" },
      { name: "element", type: null, converted_type: null, repetition_type: "REQUIRED" },
      { name: "start", type: "INT32", converted_type: null, repetition_type: "REQUIRED" },
      { name: "end", type: "INT32", converted_type: null, repetition_type: "REQUIRED" },
      { name: "label", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" }
    ])
  })

  it("writes one snappy row group and a fixed created_by, no time or version", async () => {
    const path = file(recordsToParquet(records))
    expect(await query(`SELECT created_by, num_rows, num_row_groups FROM parquet_file_metadata('${path}')`)).toEqual([
      { created_by: "finerweb (hyparquet-writer)", num_rows: "6", num_row_groups: "1" }
    ])
    const codecs = await query(`SELECT DISTINCT compression FROM parquet_metadata('${path}')`)
    expect(codecs).toEqual([{ compression: "SNAPPY" }])
  })

  it("gives the same bytes for the same records, written twice from separate copies", () => {
    const again = plain(records).map((row) => new ExportRecord(row))
    expect(Buffer.from(recordsToParquet(again)).equals(Buffer.from(recordsToParquet(records)))).toBe(true)
  })

  it("writes a language without records as a file of no rows that both readers open", async () => {
    const bytes = recordsToParquet([])
    expect(await readWithDuckDB(file(bytes))).toEqual([])
    expect(await readWithHyparquet(bytes)).toEqual([])
  })
})

describe("huggingFacePath", () => {
  it("puts a language's train split in its ISO 639-3 config, one shard", () => {
    expect(huggingFacePath("tha")).toBe("data/tha/train-00000-of-00001.parquet")
  })
})

/** The languages whose export is built in this workspace: `languages/<code>/out/export/<code>.jsonl`. */
const built = readdirSync(join(installedRoot, "languages"))
  .map((code) => ({ code, path: join(installedRoot, "languages", code, "out", "export", `${code}.jsonl`) }))
  .filter(({ path }) => existsSync(path))

const decode = Schema.decodeUnknownSync(ExportRecord)

describe("every built language", () => {
  it.skipIf(built.length === 0)(
    built.length === 0
      ? "DuckDB and hyparquet read each language's parquet as its JSONL (skipped: no language is built; run npm run build)"
      : "DuckDB and hyparquet read each language's parquet as its JSONL",
    async () => {
      for (const { code, path } of built) {
        const lines = readFileSync(path, "utf8").split("\n").filter((line) => line.length > 0)
        const expected = lines.map((line) => JSON.parse(line))
        const bytes = recordsToParquet(expected.map((row) => decode(row)))
        expect(await readWithDuckDB(file(bytes)), code).toEqual(expected)
        expect(await readWithHyparquet(bytes), code).toEqual(expected)
      }
    }
  )
})
