import { Schema } from "effect"

/** `evaluate/config.json`; decoding and prompt are annotate's own, so that what is measured is what annotate does. */
export const EvaluateConfig = Schema.Struct({
  /** The folder the gold sets' paths are relative to, relative to the workspace root; `FINERWEB_GOLD_DIR` overrides. */
  goldDir: Schema.NonEmptyString,
  /** SeqScore's repair of invalid BIO transitions in the gold (counted), or null to stop at the first one. */
  repair: Schema.NullOr(Schema.Literals(["conlleval", "discard"])),
  /** At most this many sentences per set, drawn by seeded hash rank; null takes every sentence. */
  sentences: Schema.NullOr(Schema.Int.check(Schema.isGreaterThan(0))),
  seed: Schema.NonEmptyString
})
