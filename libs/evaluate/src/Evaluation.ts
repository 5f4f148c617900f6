import { Schema } from "effect"
import { CoreType } from "./types.ts"

const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))
/** A share of a whole, 0 to 1; 0 when the whole is empty. */
const Ratio = Schema.Number.check(Schema.isBetween({ minimum: 0, maximum: 1 }))

/** SeqScore's Reference, Predicted and Correct columns, with P/R/F1 as ratios (print them with `seqscorePercent(100 * x)`). */
export const Score = Schema.Struct({
  reference: Count,
  predicted: Count,
  correct: Count,
  precision: Ratio,
  recall: Ratio,
  f1: Ratio
})

/** How often a label occurred. */
const LabelCount = Schema.Struct({ label: Schema.String, count: Count })

/** Predicted labels set aside from typed scoring: how many mentions, their share of all predictions, which labels. */
const SetAside = Schema.Struct({
  mentions: Count,
  share: Ratio,
  distinctLabels: Count,
  /** The most frequent labels (at most 50), by count, then label. */
  labels: Schema.Array(LabelCount)
})

/**
 * A wrong or missed mention: code point offsets into the sentence's text, end exclusive; `type` the core type it was
 * scored as, `label` what it was called before mapping (the gold set's own type, or the annotator's label).
 */
export const ErrorMention = Schema.Struct({
  sentence: Schema.String,
  start: Count,
  end: Count,
  type: CoreType,
  label: Schema.String,
  text: Schema.String
})
export type ErrorMention = typeof ErrorMention.Type

/** An annotator's labels against one gold set, in numbers (see the README for what each count includes). */
export const EvaluationSummary = Schema.Struct({
  family: Schema.String,
  goldTypeMapVersion: Schema.Int,
  labelMapVersion: Schema.Int,
  /** The core types the family is evaluated on. */
  types: Schema.Array(CoreType),
  /** Everything given, before anything was dropped. */
  counts: Schema.Struct({ sentences: Count, goldMentions: Count, predictedMentions: Count }),
  dropped: Schema.Struct({
    /** Gold mentions whose type maps to no core type, by the gold set's type (UNER OTH, ThaiNER MONEY ...). */
    gold: Schema.Record(Schema.String, Count),
    /** Predictions of a core type the family does not evaluate, by core type (DATE against UNER). */
    predicted: Schema.Record(Schema.String, Count)
  }),
  /** Predictions whose label the label map does not know. */
  unmapped: SetAside,
  /** Predictions whose label the label map knows to name no core type. */
  notCore: SetAside,
  scores: Schema.Struct({
    /** Exact span and type, micro-averaged over the evaluated types. */
    overall: Score,
    /** Exact span and type, one entry per evaluated type. */
    types: Schema.Record(Schema.String, Score),
    /** Exact span, type ignored; predictions of unmapped and not-core labels included. */
    span: Score
  })
})
export type EvaluationSummary = typeof EvaluationSummary.Type

/** Every typed false positive and false negative, for a file of their own. */
export const EvaluationErrors = Schema.Struct({
  falsePositives: Schema.Array(ErrorMention),
  falseNegatives: Schema.Array(ErrorMention)
})
export type EvaluationErrors = typeof EvaluationErrors.Type

export const Evaluation = Schema.Struct({ ...EvaluationSummary.fields, errors: EvaluationErrors })
export type Evaluation = typeof Evaluation.Type
