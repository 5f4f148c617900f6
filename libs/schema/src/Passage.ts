import { Schema } from "effect"

/** A chunk of about 256 words cut from one corpus document. */
export class Passage extends Schema.Class<Passage>("finerweb/schema/Passage")({
  /** `<document id>#<chunk index>` */
  id: Schema.NonEmptyString,
  document: Schema.NonEmptyString,
  chunk: Schema.Int,
  text: Schema.NonEmptyString,
  words: Schema.Int,
  url: Schema.NullOr(Schema.String)
}) {}

/** A passage with the scorer's prediction of how useful it is for NER. */
export class ScoredPassage extends Schema.Class<ScoredPassage>("finerweb/schema/ScoredPassage")({
  ...Passage.fields,
  score: Schema.Number
}) {}

/** What the score stage's selection made of a passage. */
export const ScoreDecision = Schema.Literals(["kept", "below-threshold", "other-language", "later-chunk", "after-target"])
export type ScoreDecision = typeof ScoreDecision.Type

/** One line of `out/score/scores.jsonl`: every scored passage, kept or not, so that the threshold can be studied. */
export const PassageScore = Schema.Struct({
  id: Schema.NonEmptyString,
  score: Schema.Number,
  decision: ScoreDecision,
  /** The share of its letters in other languages, where language ID looked at it (above the threshold), else null. */
  otherShare: Schema.NullOr(Schema.Number),
  /** The other language holding most of them (ISO 639-3), or null. */
  otherLanguage: Schema.NullOr(Schema.String),
  /** Tokens cut to fit a tokenized model's maximum length; absent when none were (always, for the default model). */
  truncated: Schema.optional(Schema.Int.check(Schema.isGreaterThan(0)))
})
export type PassageScore = typeof PassageScore.Type
