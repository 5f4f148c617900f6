import { Schema } from "effect"
import { Script } from "./Language.ts"
import { LlmUsage } from "./Manifest.ts"
import { rejectionReasons, type RejectionReason } from "./Span.ts"

const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

/** A mean rounded to three decimal places (half up), or null when there was nothing to average. */
const Mean = Schema.NullOr(Schema.Number)

/** A label and the number of spans it labels. */
export const LabelCount = Schema.Struct({ label: Schema.String, spans: Count })

/** How many sentences hold 0, 1, 2, 3, 4, and 5 or more spans. */
export const SpansPerSentence = Schema.Struct({
  mean: Mean,
  distribution: Schema.Struct({ "0": Count, "1": Count, "2": Count, "3": Count, "4": Count, "5+": Count })
})

/** One of the judge's scores (the paper's 1-5) over every judged passage: its mean and how often each value came. */
export const ScoreStatistics = Schema.Struct({
  mean: Mean,
  distribution: Schema.Struct({ "1": Count, "2": Count, "3": Count, "4": Count, "5": Count })
})

/** Rejections by reason, every reason present (zero where it never occurred), in the declared order. */
export const RejectionTotals = Schema.Struct(
  Object.fromEntries(rejectionReasons.map((reason) => [reason, Count])) as { [K in RejectionReason]: typeof Count }
)

/**
 * An LLM stage's usage: the manifest's requests and tokens, and the response cache's hits where the caller had them
 * (they live in the lock fragment's `run` and vary between runs; null when not given).
 */
export const LlmStatistics = Schema.Struct({ ...LlmUsage.fields, cacheHits: Schema.NullOr(Count) })

/** `out/export/stats.json`: one language's dataset in numbers, computed from its export and its stages' outputs. */
export const LanguageStatistics = Schema.Struct({
  code: Schema.String,
  name: Schema.String,
  script: Script,
  passages: Count,
  /** Sentence records exported. */
  sentences: Count,
  spans: Count,
  dropped: Schema.Struct({
    /** Sentences left out for having no span. */
    sentencesWithoutSpans: Count,
    /** Spans that cross a sentence boundary and so fit in no sentence record. */
    spansAcrossSentences: Count
  }),
  distinctLabels: Count,
  /** The 20 labels with most spans, most first; ties in code-unit order of the label. */
  topLabels: Schema.Array(LabelCount),
  /** Spans per label, every label, labels in code-unit order: what per-script label sets are built from. */
  labels: Schema.Record(Schema.String, Count),
  spansPerSentence: SpansPerSentence,
  judge: Schema.Struct({
    judge: Schema.String,
    /** True when the offline teacher judged: a rule-based stand-in, not an LLM. */
    standIn: Schema.Boolean,
    sampled: Count,
    judged: Count,
    faithfulness: ScoreStatistics,
    completeness: ScoreStatistics
  }),
  rejected: Schema.Struct({
    /** Annotator answers, or parts of them, not used; summed over passages. */
    annotate: RejectionTotals,
    /** Judge answers that gave no judgement. */
    judge: RejectionTotals
  }),
  llm: Schema.Struct({
    annotate: LlmStatistics,
    judge: LlmStatistics,
    translate: LlmStatistics,
    /** The three stages summed; cache hits null unless every stage's were given. */
    total: LlmStatistics
  }),
  offsets: Schema.Literal("Unicode code points, end exclusive")
})
export type LanguageStatistics = typeof LanguageStatistics.Type

/** One script's languages rolled up (`statistics/scripts.json`). */
export const ScriptStatistics = Schema.Struct({
  script: Script,
  languages: Count,
  /** The languages' codes, in code-unit order. */
  codes: Schema.Array(Schema.String),
  passages: Count,
  sentences: Count,
  spans: Count,
  /** Labels used in any of the script's languages, each counted once. */
  distinctLabels: Count,
  topLabels: Schema.Array(LabelCount),
  /** All the script's spans over all its sentences, rounded to three decimal places. */
  spansPerSentence: Mean,
  /** Judged passages over the script's languages. */
  judged: Count,
  /** Means over every judged passage of the script, so each language weighs by its judged count. */
  meanFaithfulness: Mean,
  meanCompleteness: Mean,
  /** Rejections of annotate and judge together. */
  rejected: Count,
  llm: LlmStatistics
})
export type ScriptStatistics = typeof ScriptStatistics.Type
