import { Effect, Schema } from "effect"
import { JudgedMention, Rating, type RejectionReason } from "#schema"
import { findObject, normalizeLabel, stripReasoning, toPlain } from "#annotation"

/** A list of judged mentions; a judge may leave out a list it has nothing to put in. */
const JudgedMentions = Schema.Array(JudgedMention).pipe(Schema.withDecodingDefaultKey(Effect.succeed([])))

/** The judge's answer: the `Judgement` without the passage id, which the judge is not asked for. */
export const JudgementAnswer = Schema.Struct({
  faithfulness: Rating,
  completeness: Rating,
  missing: JudgedMentions,
  extra: JudgedMentions,
  wrong: JudgedMentions
})
export type JudgementAnswer = typeof JudgementAnswer.Type

export type ParsedJudgement =
  | { readonly ok: true; readonly value: JudgementAnswer }
  | { readonly ok: false; readonly reason: RejectionReason }

const decode = Schema.decodeUnknownResult(JudgementAnswer)

/**
 * Reads the judge's JSON object (fenced or among chatter; Python dict syntax tolerated). Ratings must be integers
 * from 1 to 5. Fails with "empty" for a blank answer, "truncated" when the answer ends inside the object, and
 * "malformed" when there is no object or it does not decode. Labels are normalised, mentions trimmed.
 */
export const parseJudgementAnswer = (answer: string): ParsedJudgement => {
  const reply = stripReasoning(answer)
  if (reply.trim() === "") return { ok: false, reason: "empty" }
  const found = findObject(reply)
  if (found.kind === "missing") return { ok: false, reason: "malformed" }
  if (found.kind === "cut") return { ok: false, reason: "truncated" }
  const decoded = decode(toPlain(found.object))
  if (decoded._tag === "Failure") return { ok: false, reason: "malformed" }
  const tidy = (mentions: JudgementAnswer["missing"]) =>
    mentions.map(({ mention, label }) => ({ mention: mention.trim(), label: normalizeLabel(label) }))
  const value = decoded.success
  return {
    ok: true,
    value: {
      faithfulness: value.faithfulness,
      completeness: value.completeness,
      missing: tidy(value.missing),
      extra: tidy(value.extra),
      wrong: tidy(value.wrong)
    }
  }
}
