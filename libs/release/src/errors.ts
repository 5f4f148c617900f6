import { Schema } from "effect"

/** A language's export output lacks a file the release gathers; `file` is relative to the workspace root. */
export class MissingExport extends Schema.TaggedError<MissingExport>()("MissingExport", {
  file: Schema.String
}) {
  override get message() {
    return `${this.file} is missing: run the export stage for this language first`
  }
}

/** An export file that cannot be read or does not decode, or whose statistics disagree with its records. */
export class MalformedExport extends Schema.TaggedError<MalformedExport>()("MalformedExport", {
  file: Schema.String,
  reason: Schema.String
}) {
  override get message() {
    return `${this.file}: ${this.reason}`
  }
}
