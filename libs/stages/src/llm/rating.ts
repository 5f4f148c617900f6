import { findObject, type Literal, stripReasoning, toPlain } from "#annotation"
import type { RejectionReason } from "#schema"

/** A whole-number scale a model rates on (the judge's 1-5, the rater's 1-4). */
export interface Scale {
  readonly minimum: number
  readonly maximum: number
}

export type ReadRating = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly reason: RejectionReason }

/** A decimal numeral and nothing else, as a model may put in quotes: "4", "4.5", "-1". */
const numeral = /^[+-]?\d+(?:\.\d+)?$/

/** Whether a number is a rating on the scale, or why not. */
const onScale = (value: number, scale: Scale): ReadRating => {
  if (Number.isFinite(value) && !Number.isInteger(value)) return { ok: false, reason: "score-fractional" }
  if (!(value >= scale.minimum && value <= scale.maximum)) return { ok: false, reason: "score-out-of-range" }
  return { ok: true, value }
}

/**
 * One rating as the model wrote it, never coerced. A bare number must be a whole number on the scale (4.0 is 4).
 * Text is no rating: a quoted numeral is rejected for its value when that is fractional or off the scale ("4.5",
 * "6"), else as `score-quoted` ("4"); other text ("5/5", "4 out of 5", "four") and lists, objects and booleans are
 * `score-not-a-number`. An absent or null rating is `score-missing`.
 */
export const readRating = (literal: Literal | undefined, scale: Scale): ReadRating => {
  if (literal === undefined) return { ok: false, reason: "score-missing" }
  switch (literal.kind) {
    case "word": {
      const value = toPlain(literal)
      if (value === null) return { ok: false, reason: "score-missing" }
      return typeof value === "number" ? onScale(value, scale) : { ok: false, reason: "score-not-a-number" }
    }
    case "string": {
      const text = literal.value.trim()
      if (!numeral.test(text)) return { ok: false, reason: "score-not-a-number" }
      const score = onScale(Number(text), scale)
      return score.ok ? { ok: false, reason: "score-quoted" } : score
    }
    default:
      return { ok: false, reason: "score-not-a-number" }
  }
}

/** The object of an answer and a way to read its entries, or why there is none. */
export type AnswerObject =
  | {
    readonly ok: true
    readonly object: Literal & { readonly kind: "object" }
    /** An entry by key; the last of a repeated key wins, as in JSON.parse. */
    readonly entry: (key: string) => Literal | undefined
  }
  | { readonly ok: false; readonly reason: RejectionReason }

/**
 * The JSON object a rating answer holds (fenced or among chatter, after any reasoning block; Python dict syntax
 * tolerated), as the judge's and the rater's parsers read it: "empty" for a blank answer, "malformed" when no object
 * can be read, "truncated" when the answer ends inside the object.
 */
export const answerObject = (answer: string): AnswerObject => {
  const reply = stripReasoning(answer)
  if (reply.trim() === "") return { ok: false, reason: "empty" }
  const found = findObject(reply)
  if (found.kind === "missing") return { ok: false, reason: "malformed" }
  if (found.kind === "cut") return { ok: false, reason: "truncated" }
  return { ok: true, object: found.object, entry: (key) => found.object.entries.findLast(([name]) => name === key)?.[1] }
}
