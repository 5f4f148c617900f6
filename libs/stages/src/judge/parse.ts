import { Effect, Schema, Struct } from "effect"
import { JudgedMention, Judgement, judgeScale, type RejectionReason } from "#schema"
import { normalizeLabel, toPlain } from "#annotation"
import { answerFormat } from "../llm/format.ts"
import { answerObject, readRating } from "../llm/rating.ts"

/** A list of judged mentions; a judge may leave out a list it has nothing to put in. */
const JudgedMentions = Schema.Array(JudgedMention).pipe(Schema.withDecodingDefaultKey(Effect.succeed([])))

/** The judge's lists of mentions; the ratings are read by `readRating`, which names what is wrong with one. */
const JudgedLists = Schema.Struct({ missing: JudgedMentions, extra: JudgedMentions, wrong: JudgedMentions })

/** The `response_format` of a judge request: the `Judgement` without the passage id, in the prompt's order. */
export const judgementFormat = answerFormat("judgement", Schema.Struct(Struct.omit(Judgement.fields, ["id"])))

/** The judge's answer: the `Judgement` without the passage id, which the judge is not asked for. */
export type JudgementAnswer = {
  readonly faithfulness: number
  readonly completeness: number
  readonly missing: ReadonlyArray<Pair>
  readonly extra: ReadonlyArray<Pair>
  readonly wrong: ReadonlyArray<Pair>
}
type Pair = typeof JudgedMention.Type

export type ParsedJudgement =
  | { readonly ok: true; readonly value: JudgementAnswer }
  | { readonly ok: false; readonly reason: RejectionReason }

const decodeLists = Schema.decodeUnknownResult(JudgedLists)

/**
 * Reads the judge's JSON object (fenced or among chatter; Python dict syntax tolerated). Fails with "empty" for a
 * blank answer, "truncated" when the answer ends inside the object, "malformed" when there is no object or its
 * lists do not decode, and a `score-` reason (see `readRating`) for a rating that is not a whole number on the
 * declared scale; faithfulness is read first, so one answer counts one reason. Labels are normalised, mentions
 * trimmed.
 */
export const parseJudgementAnswer = (answer: string): ParsedJudgement => {
  const found = answerObject(answer)
  if (!found.ok) return found
  const faithfulness = readRating(found.entry("faithfulness"), judgeScale)
  if (!faithfulness.ok) return faithfulness
  const completeness = readRating(found.entry("completeness"), judgeScale)
  if (!completeness.ok) return completeness
  const lists = decodeLists(toPlain(found.object))
  if (lists._tag === "Failure") return { ok: false, reason: "malformed" }
  const tidy = (mentions: ReadonlyArray<Pair>) =>
    mentions.map(({ mention, label }) => ({ mention: mention.trim(), label: normalizeLabel(label) }))
  return {
    ok: true,
    value: {
      faithfulness: faithfulness.value,
      completeness: completeness.value,
      missing: tidy(lists.success.missing),
      extra: tidy(lists.success.extra),
      wrong: tidy(lists.success.wrong)
    }
  }
}
