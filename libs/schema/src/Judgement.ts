import { Schema } from "effect"

/** The judge's declared scale (the paper's 1-5). */
export const judgeScale = { minimum: 1, maximum: 5 } as const

/** A score on the judge's scale: a whole number from its minimum to its maximum. */
export const Rating = Schema.Int.check(Schema.isBetween(judgeScale))

/** One annotation named by the judge: the mention and its label. */
export const JudgedMention = Schema.Struct({ mention: Schema.String, label: Schema.String })

/** The judge's verdict on one annotated passage. */
export class Judgement extends Schema.Class<Judgement>("finerweb/schema/Judgement")({
  id: Schema.NonEmptyString,
  faithfulness: Rating,
  completeness: Rating,
  missing: Schema.Array(JudgedMention),
  extra: Schema.Array(JudgedMention),
  wrong: Schema.Array(JudgedMention)
}) {}
