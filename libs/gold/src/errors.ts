import { Schema } from "effect"
import type { InvalidConll } from "#bio"

/** The set id is not in `libs/gold/sets.json`. */
export class UnknownGoldSet extends Schema.TaggedError<UnknownGoldSet>()("UnknownGoldSet", {
  set: Schema.String,
  known: Schema.Array(Schema.String)
}) {
  override get message() {
    return `unknown gold set '${this.set}' (libs/gold/sets.json has ${this.known.join(", ")})`
  }
}

/** The gold file is not in the folder searched; the data is not shipped, so the message says where to get it. */
export class GoldNotFound extends Schema.TaggedError<GoldNotFound>()("GoldNotFound", {
  set: Schema.String,
  file: Schema.String,
  dir: Schema.String,
  published: Schema.String
}) {
  override get message() {
    const where = `${this.file} not found in the gold folder ${this.dir}`
    return `gold set '${this.set}': ${where}; download it from ${this.published}`
  }
}

/** The gold file exists but cannot be read (permissions, I/O). */
export class GoldReadFailed extends Schema.TaggedError<GoldReadFailed>()("GoldReadFailed", {
  file: Schema.String,
  reason: Schema.String
}) {
  override get message() {
    return `cannot read gold file ${this.file}: ${this.reason}`
  }
}

/** The gold file's bytes are not the pinned ones. */
export class GoldDigestMismatch extends Schema.TaggedError<GoldDigestMismatch>()("GoldDigestMismatch", {
  file: Schema.String,
  expected: Schema.String,
  actual: Schema.String
}) {
  override get message() {
    return `${this.file}: sha256 is ${this.actual}, expected ${this.expected}`
  }
}

/** A line of a gold file that cannot be read as its format; `line` counts from 1, 0 for the file as a whole. */
export class MalformedGold extends Schema.TaggedError<MalformedGold>()("MalformedGold", {
  file: Schema.String,
  line: Schema.Int,
  reason: Schema.String
}) {
  override get message() {
    return this.line > 0 ? `${this.file}:${this.line}: ${this.reason}` : `${this.file}: ${this.reason}`
  }
}

/** Everything `readGoldSet` can fail with; `InvalidConll` is #bio's, worded as SeqScore words an invalid transition. */
export type GoldError =
  | UnknownGoldSet
  | GoldNotFound
  | GoldReadFailed
  | GoldDigestMismatch
  | MalformedGold
  | InvalidConll
