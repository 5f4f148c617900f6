import { Schema } from "effect"
import { type RejectionReason, UsefulnessRating, usefulnessScale } from "#schema"
import { answerFormat } from "../llm/format.ts"
import { answerObject, readRating } from "../llm/rating.ts"

/** The `response_format` of a rate request: the justification first, as the prompt asks, so the score follows it. */
export const ratingFormat = answerFormat(
  "usefulness_rating",
  Schema.Struct({ justification: UsefulnessRating.fields.justification, score: UsefulnessRating.fields.score })
)

/** The rater's answer: a whole score on the 1-4 scale and the justification it gave. */
export type ParsedRating =
  | { readonly ok: true; readonly value: { readonly score: number; readonly justification: string } }
  | { readonly ok: false; readonly reason: RejectionReason }

/**
 * Reads the rater's JSON object `{"justification": "...", "score": n}` (fenced or among chatter; Python dict syntax
 * tolerated). Fails with "empty" for a blank answer, "truncated" when the answer ends inside the object, "malformed"
 * when there is no object or its justification is absent or not a string, and a `score-` reason (see `readRating`)
 * for a score that is not a whole number from 1 to 4; the score is read first, so one answer counts one reason.
 */
export const parseRatingAnswer = (answer: string): ParsedRating => {
  const found = answerObject(answer)
  if (!found.ok) return found
  const score = readRating(found.entry("score"), usefulnessScale)
  if (!score.ok) return score
  const justification = found.entry("justification")
  if (justification?.kind !== "string") return { ok: false, reason: "malformed" }
  return { ok: true, value: { score: score.value, justification: justification.value.trim() } }
}
