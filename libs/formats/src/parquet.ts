import type { ExportRecord } from "#schema"
import type { SchemaElement } from "hyparquet-writer"
import { parquetWriteBuffer } from "hyparquet-writer"

/** A required UTF-8 string column. */
const string = (name: string): SchemaElement => ({
  name,
  type: "BYTE_ARRAY",
  converted_type: "UTF8",
  logical_type: { type: "STRING" },
  repetition_type: "REQUIRED"
})

/**
 * The sentence records' parquet schema: `id` and `text` UTF-8 strings, `char_spans` the standard three-level LIST
 * (`char_spans.list.element`) of a struct {start int32, end int32, label string}, which pyarrow, DuckDB and
 * Hugging Face `datasets` read as a list of structs. Every level is REQUIRED: no record lacks a field and a sentence
 * without spans has an empty list, not a null.
 */
const schema: Array<SchemaElement> = [
  { name: "root", num_children: 3 },
  string("id"),
  string("text"),
  {
    name: "char_spans",
    converted_type: "LIST",
    logical_type: { type: "LIST" },
    repetition_type: "REQUIRED",
    num_children: 1
  },
  { name: "list", repetition_type: "REPEATED", num_children: 1 },
  { name: "element", repetition_type: "REQUIRED", num_children: 3 },
  { name: "start", type: "INT32", repetition_type: "REQUIRED" },
  { name: "end", type: "INT32", repetition_type: "REQUIRED" },
  string("label")
]

/**
 * Writes sentence records as one parquet file, in record order. Snappy (hyparquet-writer's built-in codec, which
 * DuckDB, pyarrow and `datasets` read); one row group, since a language's export is far below the size where
 * several pay off. The bytes depend on the records only: the writer embeds no time, and `created_by` is fixed here
 * rather than left to the library's default.
 */
export const recordsToParquet = (records: ReadonlyArray<ExportRecord>): Uint8Array =>
  new Uint8Array(
    parquetWriteBuffer({
      schema,
      columnData: [
        { name: "id", data: records.map((record) => record.id) },
        { name: "text", data: records.map((record) => record.text) },
        {
          name: "char_spans",
          data: records.map((record) =>
            record.char_spans.map((span) => ({ start: span.start, end: span.end, label: span.label }))
          )
        }
      ],
      codec: "SNAPPY",
      rowGroupSize: Math.max(records.length, 1),
      createdBy: "finerweb (hyparquet-writer)"
    })
  )

/**
 * Where a language's parquet goes in the release, the layout Hugging Face `datasets` reads without a loading script:
 * one config per ISO 639-3 code, its `train` split in one shard.
 */
export const huggingFacePath = (iso639_3: string): string => `data/${iso639_3}/train-00000-of-00001.parquet`
