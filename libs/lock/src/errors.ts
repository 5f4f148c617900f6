import { Schema } from "effect"
import { lockName } from "./Lock.ts"

/** Output files on disk that disagree with `datasets.lock`; each line names a file and what is wrong with it. */
export class OutputsDisagree extends Schema.TaggedError<OutputsDisagree>()("OutputsDisagree", {
  problems: Schema.Array(Schema.String)
}) {
  override get message() {
    return `${lockName} disagrees with the files on disk:\n  ${this.problems.join("\n  ")}`
  }
}

/** Lock fragments or pinned outputs that disagree with `datasets.lock`; each line names a file and what changed. */
export class LockDisagrees extends Schema.TaggedError<LockDisagrees>()("LockDisagrees", {
  disagreements: Schema.Array(Schema.String)
}) {
  override get message() {
    return `${lockName} disagrees with the outputs:\n  ${this.disagreements.join("\n  ")}`
  }
}
