import { Effect, Stream } from "effect"
import { createReadStream } from "node:fs"
import { type FileHandle, open, readdir } from "node:fs/promises"
import { join } from "node:path"
import { type AsyncBuffer, parquetMetadataAsync, parquetReadObjects, parquetSchema } from "hyparquet"
import { compressors } from "hyparquet-compressors"
import type { CorpusDocument } from "./Document.ts"
import { CorpusNotFound, CorpusReadFailed, describeCause, type MalformedCorpusRow } from "./errors.ts"
import { decodeJsonLine, decodeRow } from "./rows.ts"

const corpusFile = /\.(jsonl|parquet)$/

/** The folder that holds the files: `<root>/data/<config>/train` for a FineWeb-2 download, else `path` itself. */
export const corpusFolder = (path: string, config?: string): string =>
  config === undefined ? path : join(path, "data", config, "train")

/** The `.jsonl` and `.parquet` files of the folder, in code-unit order of their paths. */
export const corpusFiles = Effect.fn("corpusFiles")(function*(path: string, config?: string) {
  const folder = corpusFolder(path, config)
  const entries = yield* Effect.tryPromise({
    try: () => readdir(folder, { withFileTypes: true }),
    catch: (cause) => new CorpusNotFound({ path: folder, reason: describeCause(cause) })
  })
  const files = entries
    .filter((entry) => entry.isFile() && corpusFile.test(entry.name))
    .map((entry) => join(folder, entry.name))
    .sort()
  if (files.length === 0) {
    return yield* new CorpusNotFound({ path: folder, reason: "no .jsonl or .parquet file" })
  }
  return files
})

/** The rows of a JSONL file, read line by line; blank lines are skipped but still counted. */
export const readJsonl = (file: string): Stream.Stream<CorpusDocument, MalformedCorpusRow | CorpusReadFailed> =>
  Stream.suspend(() =>
    Stream.fromAsyncIterable(
      createReadStream(file),
      (cause) => new CorpusReadFailed({ path: file, reason: describeCause(cause) })
    )
  ).pipe(
    Stream.decodeText(),
    Stream.splitLines,
    Stream.zipWithIndex,
    Stream.filter(([line]) => line.trim().length > 0),
    Stream.mapEffect(([line, index]) => decodeJsonLine(line, `${file}:${index + 1}`))
  )

const fileBuffer = (handle: FileHandle, byteLength: number): AsyncBuffer => ({
  byteLength,
  async slice(start, end = byteLength) {
    const bytes = new Uint8Array(end - start)
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, start)
    return bytesRead === bytes.length ? bytes.buffer : bytes.buffer.slice(0, bytesRead)
  }
})

/** The `[rowStart, rowEnd)` range of each row group, from the row groups' sizes. */
export const rowGroupRanges = (sizes: ReadonlyArray<number>): ReadonlyArray<{ rowStart: number; rowEnd: number }> => {
  let rowStart = 0
  return sizes.map((size) => {
    const range = { rowStart, rowEnd: rowStart + size }
    rowStart = range.rowEnd
    return range
  })
}

// Only these columns are decoded; the others (`language`, `language_score`, ...) are never read.
const wanted = ["id", "text", "url"]

/** The rows of a parquet file, one row group in memory at a time. */
export const readParquet = (file: string): Stream.Stream<CorpusDocument, MalformedCorpusRow | CorpusReadFailed> =>
  Stream.unwrap(Effect.gen(function*() {
    const failed = (cause: unknown) => new CorpusReadFailed({ path: file, reason: describeCause(cause) })
    const handle = yield* Effect.acquireRelease(
      Effect.tryPromise({ try: () => open(file, "r"), catch: failed }),
      (handle) => Effect.promise(() => handle.close())
    )
    const { size } = yield* Effect.tryPromise({ try: () => handle.stat(), catch: failed })
    const buffer = fileBuffer(handle, size)
    const metadata = yield* Effect.tryPromise({ try: () => parquetMetadataAsync(buffer), catch: failed })
    const present = new Set(parquetSchema(metadata).children.map((column) => column.element.name))
    const columns = wanted.filter((name) => present.has(name))
    return Stream.fromIterable(rowGroupRanges(metadata.row_groups.map((group) => Number(group.num_rows)))).pipe(
      Stream.mapEffect(({ rowEnd, rowStart }) =>
        Effect.tryPromise({
          try: () => parquetReadObjects({ file: buffer, metadata, columns, rowStart, rowEnd, compressors }),
          catch: failed
        }).pipe(Effect.map((rows) => rows.map((row, index) => ({ row, number: rowStart + index + 1 }))))
      ),
      Stream.flattenIterable,
      Stream.mapEffect(({ number, row }) => decodeRow(row, `${file} row ${number}`))
    )
  }))

/**
 * The documents of a corpus folder, file after file in sorted path order: either a plain folder of
 * `.jsonl` / `.parquet` files, or a FineWeb-2 download root with the `config` to read (e.g. `afr_Latn`).
 */
export const readFolder = (
  path: string,
  config?: string
): Stream.Stream<CorpusDocument, CorpusNotFound | MalformedCorpusRow | CorpusReadFailed> =>
  Stream.fromIterableEffect(corpusFiles(path, config)).pipe(
    Stream.flatMap((file) => file.endsWith(".jsonl") ? readJsonl(file) : readParquet(file))
  )
