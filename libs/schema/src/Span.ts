import { Schema } from "effect"

/**
 * A labelled character span. Offsets count Unicode code points (as Python's `str` does, and as the paper's
 * release does), not UTF-16 units; `end` is exclusive.
 */
export const Span = Schema.Struct({
  start: Schema.Int,
  end: Schema.Int,
  label: Schema.NonEmptyString
})
export type Span = typeof Span.Type

/** A span with the mention text it covers, as kept between annotate and export. */
export const Mention = Schema.Struct({
  ...Span.fields,
  mention: Schema.NonEmptyString
})
export type Mention = typeof Mention.Type

/**
 * Why an annotator's, a judge's or a rater's answer, or a part of it, was not used. Every rejection is counted by one
 * of these. The `score-` reasons are the judge's and the rater's: a rating absent or null, written as text that is no
 * numeral ("5/5", "four"), with a fractional part (4.5, "4.5"), off the declared scale (0, 6, "6"), or a whole number
 * on the scale but in quotes ("4"), which is rejected rather than read as a number.
 */
export const rejectionReasons = [
  "empty",
  "prompt-continuation",
  "truncated",
  "repetition",
  "malformed",
  "mention-not-in-text",
  "mention-inside-word",
  "score-missing",
  "score-not-a-number",
  "score-fractional",
  "score-out-of-range",
  "score-quoted",
  "unanswered"
] as const
export const RejectionReason = Schema.Literals(rejectionReasons)
export type RejectionReason = typeof RejectionReason.Type

/** Rejections counted by reason; a reason that never occurred is absent. */
export const RejectionCounts = Schema.Struct(
  Object.fromEntries(rejectionReasons.map((reason) => [reason, Schema.optional(Schema.Int)])) as {
    [K in RejectionReason]: Schema.optional<typeof Schema.Int>
  }
)
export type RejectionCounts = typeof RejectionCounts.Type

/** The annotate stage's result for one passage. */
export class AnnotatedPassage extends Schema.Class<AnnotatedPassage>("finerweb/schema/AnnotatedPassage")({
  id: Schema.NonEmptyString,
  document: Schema.NonEmptyString,
  text: Schema.NonEmptyString,
  mentions: Schema.Array(Mention),
  rejected: RejectionCounts
}) {}
