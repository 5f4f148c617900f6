import { Effect, FileSystem, Schema } from "effect"

/** A JSONL file that is missing or has a line that does not decode; the message names the file and line. */
export class JsonlError extends Schema.TaggedError<JsonlError>()("JsonlError", {
  file: Schema.String,
  line: Schema.Int,
  reason: Schema.String
}) {
  override get message() {
    return this.line > 0 ? `${this.file}:${this.line}: ${this.reason}` : `${this.file}: ${this.reason}`
  }
}

/** Indented JSON ending in a newline, the form of every manifest the stages write. */
export const toJson = (value: unknown): string => JSON.stringify(value, null, 2) + "\n"

/** One JSON document per line, each ending in "\n". */
export const toJsonl = (rows: Iterable<unknown>): string => {
  let text = ""
  for (const row of rows) text += JSON.stringify(row) + "\n"
  return text
}

/** Reads a JSONL file and decodes every non-blank line with `schema`. */
export const readJsonl = Effect.fn("readJsonl")(function*<A, I>(file: string, schema: Schema.Codec<A, I>) {
  const fs = yield* FileSystem.FileSystem
  const text = yield* fs.readFileString(file).pipe(
    Effect.mapError((cause) => new JsonlError({ file, line: 0, reason: `cannot be read (${cause.message})` }))
  )
  const decode = Schema.decodeUnknownExit(schema)
  const rows: Array<A> = []
  const lines = text.split("\n")
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]
    if (line.trim() === "") continue
    let json: unknown
    try {
      json = JSON.parse(line)
    } catch (cause) {
      return yield* new JsonlError({ file, line: index + 1, reason: `not JSON (${(cause as Error).message})` })
    }
    const exit = decode(json)
    if (exit._tag === "Failure") {
      return yield* new JsonlError({ file, line: index + 1, reason: String(exit.cause).replace(/\s+/g, " ") })
    }
    rows.push(exit.value)
  }
  return rows
})

/**
 * Parses a JSON text and decodes it with `schema`. Fails with why, on one line ("not JSON (...)" or the schema's
 * complaint), for the caller to put in an error that names its file.
 */
export const decodeJsonText = <A, I>(text: string, schema: Schema.Codec<A, I>): Effect.Effect<A, string> =>
  Effect.try({
    try: () => JSON.parse(text) as unknown,
    catch: (cause) => `not JSON (${(cause as Error).message})`
  }).pipe(
    Effect.flatMap((json) =>
      Schema.decodeUnknownEffect(schema)(json).pipe(Effect.mapError((error) => error.message.replace(/\s+/g, " ").trim()))
    )
  )

/** Reads a JSON file and decodes it with `schema`. */
export const readJson = Effect.fn("readJson")(function*<A, I>(file: string, schema: Schema.Codec<A, I>) {
  const fs = yield* FileSystem.FileSystem
  const text = yield* fs.readFileString(file).pipe(
    Effect.mapError((cause) => new JsonlError({ file, line: 0, reason: `cannot be read (${cause.message})` }))
  )
  return yield* decodeJsonText(text, schema).pipe(Effect.mapError((reason) => new JsonlError({ file, line: 0, reason })))
})
