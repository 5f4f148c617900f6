import { createHash } from "node:crypto"
import { Effect, FileSystem, Schema, Stream } from "effect"
import { type FileDigest, JsonlError, WriteError } from "#files"

/**
 * The rows of a JSONL file as a stream, each decoded with `schema`: memory holds one read chunk (64 KiB) and its
 * lines, not the file. A line that does not decode fails with the file and line number.
 */
export const streamJsonl = <A, I>(
  file: string,
  schema: Schema.Codec<A, I>
): Stream.Stream<A, JsonlError, FileSystem.FileSystem> => {
  const decode = Schema.decodeUnknownExit(schema)
  const row = (text: string, line: number): Effect.Effect<A, JsonlError> => {
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (cause) {
      return Effect.fail(new JsonlError({ file, line, reason: `not JSON (${(cause as Error).message})` }))
    }
    const exit = decode(json)
    return exit._tag === "Failure"
      ? Effect.fail(new JsonlError({ file, line, reason: String(exit.cause).replace(/\s+/g, " ") }))
      : Effect.succeed(exit.value)
  }
  return Stream.unwrap(Effect.map(Effect.service(FileSystem.FileSystem), (fs) => fs.stream(file))).pipe(
    Stream.mapError((cause) => new JsonlError({ file, line: 0, reason: `cannot be read (${cause.message})` })),
    Stream.decodeText,
    Stream.splitLines,
    Stream.zipWithIndex,
    Stream.filter(([text]) => text.trim() !== ""),
    Stream.mapEffect(([text, index]) => row(text, index + 1))
  )
}

const encoder = new TextEncoder()

/**
 * A JSONL file written a batch of rows at a time (each encoded with `schema`), digested as it is written so that
 * neither the rows nor the file's bytes are ever held whole. The file is open for the scope's life.
 */
export const jsonlWriter = Effect.fnUntraced(function*<A, I>(path: string, schema: Schema.Codec<A, I>) {
  const fs = yield* FileSystem.FileSystem
  const fail = (cause: { message: string }) => new WriteError({ path, reason: cause.message })
  const file = yield* fs.open(path, { flag: "w" }).pipe(Effect.mapError(fail))
  const encode = Schema.encodeSync(schema)
  const hash = createHash("sha256")
  let bytes = 0
  let rows = 0
  const write = (batch: ReadonlyArray<A>) => {
    if (batch.length === 0) return Effect.void
    let text = ""
    for (const row of batch) text += JSON.stringify(encode(row)) + "\n"
    const data = encoder.encode(text)
    hash.update(data)
    bytes += data.byteLength
    rows += batch.length
    return file.writeAll(data).pipe(Effect.mapError(fail))
  }
  /** Flushes the file to disk; call once, after the last write. */
  const finish = file.sync.pipe(
    Effect.mapError(fail),
    Effect.map((): FileDigest => ({ sha256: hash.digest("hex"), bytes, rows }))
  )
  return { path, write, finish }
})
