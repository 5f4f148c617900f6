import { Schema } from "effect"

/** A language has no ratings to train on; `file` is relative to the workspace root. */
export class MissingRatings extends Schema.TaggedError<MissingRatings>()("MissingRatings", {
  file: Schema.String
}) {
  override get message() {
    return `${this.file} is missing: run the rate stage for this language first (nx run-many -t rate)`
  }
}

/** A FLORES file (SIB-200 layout) that cannot be read or whose line is not `index_id<TAB>category<TAB>text`. */
export class MalformedFlores extends Schema.TaggedError<MalformedFlores>()("MalformedFlores", {
  file: Schema.String,
  line: Schema.Int,
  reason: Schema.String
}) {
  override get message() {
    return `${this.file}:${this.line}: ${this.reason}`
  }
}
