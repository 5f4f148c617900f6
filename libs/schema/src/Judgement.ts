import { Schema } from "effect"

/** A score on the judge's declared 1-5 scale. */
export const Rating = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 5 }))

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
