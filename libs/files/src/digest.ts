import { Effect, FileSystem, Schema } from "effect"
import { sha256 } from "./canonical.ts"

/** What the lock pins about one output file. `rows` counts lines of a JSONL file. */
export const FileDigest = Schema.Struct({
  sha256: Schema.String,
  bytes: Schema.Int,
  rows: Schema.optional(Schema.Int)
})
export type FileDigest = typeof FileDigest.Type

export const digestBytes = (name: string, bytes: Uint8Array): FileDigest => {
  const digest = { sha256: sha256(bytes), bytes: bytes.byteLength }
  if (!name.endsWith(".jsonl")) return digest
  let rows = 0
  for (const byte of bytes) if (byte === 10) rows++
  return { ...digest, rows }
}

export const digestFile = Effect.fn("digestFile")(function*(file: string) {
  const fs = yield* FileSystem.FileSystem
  return digestBytes(file, yield* fs.readFile(file))
})
