import { Schema } from "effect"
import registry from "../sets.json" with { type: "json" }

/** How a gold file is written: `token TAG` lines, UNER's `.iob2` columns, or ThaiNER's inline `[TYPE]` tags. */
export const GoldFormat = Schema.Literals(["conll", "uner", "thainer"])
export type GoldFormat = typeof GoldFormat.Type

/** One entry of `libs/gold/sets.json`: where a gold test file lies, what it evaluates and where it comes from. */
export const GoldSetEntry = Schema.Struct({
  format: GoldFormat,
  /** Which type map applies to its types (`libs/evaluate/gold-types.json`). */
  family: Schema.Literals(["masakhaner", "uner", "thainer"]),
  /** Relative to the gold folder (`../shared/data` in this workspace). */
  path: Schema.NonEmptyString,
  /** The finerweb language it evaluates; null for a control set whose language finerweb does not build. */
  language: Schema.NullOr(Schema.String.check(Schema.isPattern(/^[a-z]{3}_[A-Z][a-z]{3}$/))),
  /** A control set's BCP 47 tag (its language has no language.json to give one); Chinese GSD is traditional script. */
  bcp47: Schema.optionalKey(Schema.NonEmptyString),
  /** SPDX identifier of the data's licence. */
  licence: Schema.NonEmptyString,
  /** `owner/name:path@commit` of the byte-identical file on GitHub. */
  source: Schema.String.check(Schema.isPattern(/^[^/:\s]+\/[^/:\s]+:\S+@[0-9a-f]{40}$/)),
  /** Where a user downloads it from. */
  published: Schema.String.check(Schema.isPattern(/^https:\/\/\S+$/))
})
export type GoldSetEntry = typeof GoldSetEntry.Type

/** The registry, set id -> entry, decoded once: a malformed `sets.json` fails at import, not at first use. */
export const goldSets: Readonly<Record<string, GoldSetEntry>> = Schema.decodeUnknownSync(
  Schema.Record(Schema.String, GoldSetEntry)
)(registry)
