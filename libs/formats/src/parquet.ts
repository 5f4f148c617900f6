import type { ExportRecord } from "#schema"
import type { SchemaElement } from "hyparquet-writer"
import { parquetWriteBuffer } from "hyparquet-writer"

/** A feature as Hugging Face `datasets` declares it: a value with its dtype, or a list of structs of features. */
export type Feature =
  | { readonly name: string; readonly dtype: "string" | "int32" }
  | { readonly name: string; readonly list: ReadonlyArray<Feature> }

/** The sentence records' features: the parquet schema below and the dataset card's `features` both follow them. */
export const recordFeatures: ReadonlyArray<Feature> = [
  { name: "id", dtype: "string" },
  { name: "text", dtype: "string" },
  {
    name: "char_spans",
    list: [{ name: "start", dtype: "int32" }, { name: "end", dtype: "int32" }, { name: "label", dtype: "string" }]
  }
]

/**
 * A feature's parquet schema elements: a string is a UTF-8 byte array, an int32 an INT32, a list of structs the
 * standard three-level LIST (`<name>.list.element`) of a struct, which pyarrow, DuckDB and `datasets` read as a list
 * of structs. Every level is REQUIRED: no record lacks a field and a sentence without spans has an empty list.
 */
const elements = (feature: Feature): Array<SchemaElement> => {
  if ("list" in feature) {
    return [
      { name: feature.name, converted_type: "LIST", logical_type: { type: "LIST" }, repetition_type: "REQUIRED", num_children: 1 },
      { name: "list", repetition_type: "REPEATED", num_children: 1 },
      { name: "element", repetition_type: "REQUIRED", num_children: feature.list.length },
      ...feature.list.flatMap(elements)
    ]
  }
  return feature.dtype === "int32"
    ? [{ name: feature.name, type: "INT32", repetition_type: "REQUIRED" }]
    : [{
      name: feature.name,
      type: "BYTE_ARRAY",
      converted_type: "UTF8",
      logical_type: { type: "STRING" },
      repetition_type: "REQUIRED"
    }]
}

const schema: Array<SchemaElement> = [
  { name: "root", num_children: recordFeatures.length },
  ...recordFeatures.flatMap(elements)
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
