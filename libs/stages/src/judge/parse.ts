import { Effect, Schema } from "effect"
import { JudgedMention, judgeScale, type RejectionReason } from "#schema"
import { findObject, type Literal, normalizeLabel, stripReasoning, toPlain } from "#annotation"

/** A list of judged mentions; a judge may leave out a list it has nothing to put in. */
const JudgedMentions = Schema.Array(JudgedMention).pipe(Schema.withDecodingDefaultKey(Effect.succeed([])))

/** The judge's lists of mentions; the ratings are read by `readScore`, which names what is wrong with one. */
const JudgedLists = Schema.Struct({ missing: JudgedMentions, extra: JudgedMentions, wrong: JudgedMentions })

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

type Score = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly reason: RejectionReason }

/** A decimal numeral and nothing else, as a judge may put in quotes: "4", "4.5", "-1". */
const numeral = /^[+-]?\d+(?:\.\d+)?$/

/** Whether a number is a rating on the declared scale, or why not. */
const onScale = (value: number): Score => {
  if (Number.isFinite(value) && !Number.isInteger(value)) return { ok: false, reason: "score-fractional" }
  if (!(value >= judgeScale.minimum && value <= judgeScale.maximum)) return { ok: false, reason: "score-out-of-range" }
  return { ok: true, value }
}

/**
 * One rating as the judge wrote it, never coerced. A bare number must be a whole number on the scale (4.0 is 4).
 * Text is no rating: a quoted numeral is rejected for its value when that is fractional or off the scale ("4.5",
 * "6"), else as `score-quoted` ("4"); other text ("5/5", "4 out of 5", "four") and lists, objects and booleans are
 * `score-not-a-number`. An absent or null rating is `score-missing`.
 */
const readScore = (literal: Literal | undefined): Score => {
  if (literal === undefined) return { ok: false, reason: "score-missing" }
  switch (literal.kind) {
    case "word": {
      const value = toPlain(literal)
      if (value === null) return { ok: false, reason: "score-missing" }
      return typeof value === "number" ? onScale(value) : { ok: false, reason: "score-not-a-number" }
    }
    case "string": {
      const text = literal.value.trim()
      if (!numeral.test(text)) return { ok: false, reason: "score-not-a-number" }
      const score = onScale(Number(text))
      return score.ok ? { ok: false, reason: "score-quoted" } : score
    }
    default:
      return { ok: false, reason: "score-not-a-number" }
  }
}

const decodeLists = Schema.decodeUnknownResult(JudgedLists)

/**
 * Reads the judge's JSON object (fenced or among chatter; Python dict syntax tolerated). Fails with "empty" for a
 * blank answer, "truncated" when the answer ends inside the object, "malformed" when there is no object or its
 * lists do not decode, and a `score-` reason (see `readScore`) for a rating that is not a whole number on the
 * declared scale; faithfulness is read first, so one answer counts one reason. Labels are normalised, mentions
 * trimmed.
 */
export const parseJudgementAnswer = (answer: string): ParsedJudgement => {
  const reply = stripReasoning(answer)
  if (reply.trim() === "") return { ok: false, reason: "empty" }
  const found = findObject(reply)
  if (found.kind === "missing") return { ok: false, reason: "malformed" }
  if (found.kind === "cut") return { ok: false, reason: "truncated" }
  // The last entry of a repeated key wins, as in JSON.parse.
  const entry = (key: string) => found.object.entries.findLast(([name]) => name === key)?.[1]
  const faithfulness = readScore(entry("faithfulness"))
  if (!faithfulness.ok) return faithfulness
  const completeness = readScore(entry("completeness"))
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
