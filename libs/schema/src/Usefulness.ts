import { Schema } from "effect"
import { LlmUsage } from "./Manifest.ts"
import { RejectionCounts } from "./Span.ts"

/**
 * The rater's declared scale, the paper's additive 1-4 NER usefulness (arXiv 2512.13884, section 2.2): 1 few or
 * ambiguous entities, 2 clean text with identifiable entities, 3 diverse entities with context, 4 rich and noise-free.
 */
export const usefulnessScale = { minimum: 1, maximum: 4 } as const

/** The score from which a passage counts as useful for the binary scorer (the paper's target: score >= 3). */
export const usefulThreshold = 3

const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

/** One rated passage: `out/rate/ratings.jsonl`. */
export class UsefulnessRating extends Schema.Class<UsefulnessRating>("finerweb/schema/UsefulnessRating")({
  /** The passage's id in `sample/passages.jsonl`. */
  id: Schema.NonEmptyString,
  document: Schema.NonEmptyString,
  text: Schema.NonEmptyString,
  score: Schema.Int.check(Schema.isBetween(usefulnessScale)),
  justification: Schema.String
}) {}

/** `out/rate/manifest.json`; `rejected` counts answers that gave no rating, one per sampled passage at most. */
export const RateManifest = Schema.Struct({
  rater: Schema.String,
  /** True when the offline teacher rated: a rule-based stand-in, not an LLM. */
  standIn: Schema.Boolean,
  seed: Schema.String,
  passages: Count,
  sampled: Count,
  rated: Count,
  rejected: RejectionCounts,
  /** Ratings per score, "1" to "4", each present even when zero. */
  histogram: Schema.Record(Schema.String, Count),
  llm: LlmUsage
})
export type RateManifest = typeof RateManifest.Type
