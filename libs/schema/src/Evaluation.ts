import { Schema } from "effect"
import { Mention, RejectionCounts } from "./Span.ts"
import { LlmUsage } from "./Manifest.ts"

/** The four types FiNERweb's labels are measured on: the types MasakhaNER annotates, which the other gold sets share. */
export const coreTypes = ["PER", "LOC", "ORG", "DATE"] as const
export const CoreType = Schema.Literals(coreTypes)
export type CoreType = typeof CoreType.Type

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

/** `out/evaluate/scores.json` holds one of these per gold set: the summary, and which file of how many sentences. */
export const EvaluatedSet = Schema.Struct({
  set: Schema.String,
  /** The gold file read, relative to the gold folder, and the sha256 it was checked against. */
  file: Schema.String,
  sha256: Schema.String,
  /** Sentences evaluated, of the set's `of`: fewer when the configuration draws a sample. */
  sentences: Count,
  of: Count,
  /** Invalid BIO transitions in the gold, repaired as the configuration says. */
  repaired: Count,
  ...EvaluationSummary.fields
})
export type EvaluatedSet = typeof EvaluatedSet.Type

/** `out/evaluate/scores.json`: who annotated, with which prompt, and how their labels score against each gold set. */
export const EvaluationReport = Schema.Struct({
  language: Schema.String,
  annotator: Schema.String,
  /** True when the offline teacher annotated: a rule-based stand-in, not an LLM. */
  standIn: Schema.Boolean,
  /** sha256 of annotate's prompt template. */
  prompt: Schema.String,
  sets: Schema.Array(EvaluatedSet)
})
export type EvaluationReport = typeof EvaluationReport.Type

/** A gold mention: code point offsets, end exclusive, and the gold set's own type. */
const GoldSpan = Schema.Struct({ start: Count, end: Count, type: Schema.String })

/** `out/evaluate/sentences.jsonl`: each gold sentence with its gold mentions and what the annotator made of it. */
export const EvaluatedSentence = Schema.Struct({
  set: Schema.String,
  id: Schema.String,
  text: Schema.String,
  gold: Schema.Array(GoldSpan),
  predicted: Schema.Array(Mention),
  rejected: RejectionCounts
})
export type EvaluatedSentence = typeof EvaluatedSentence.Type

/** `out/evaluate/errors.jsonl`: every typed false positive and false negative, with its set. */
export const EvaluationError = Schema.Struct({
  set: Schema.String,
  kind: Schema.Literals(["false-positive", "false-negative"]),
  ...ErrorMention.fields
})
export type EvaluationError = typeof EvaluationError.Type

/** `out/evaluate/manifest.json` */
export const EvaluateManifest = Schema.Struct({
  annotator: Schema.String,
  sets: Count,
  sentences: Count,
  rejected: RejectionCounts,
  llm: LlmUsage
})
