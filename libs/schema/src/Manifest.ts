import { Schema } from "effect"
import { RejectionCounts } from "./Span.ts"

const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

/**
 * What an LLM stage asked for, reproducibly: requests made and the tokens their answers cost, the same whether the
 * answers came from the server or from the response cache (which stores each answer's usage). Cache hits and retries
 * vary from run to run and are kept out of the manifest: the lock fragment records them under `run`.
 */
export const LlmUsage = Schema.Struct({
  requests: Count,
  promptTokens: Count,
  completionTokens: Count
})
export type LlmUsage = typeof LlmUsage.Type

/** `out/sample/manifest.json` */
export const SampleManifest = Schema.Struct({
  /** `embedded:udhr/<code>`, `embedded:none` or `folder:<path>` */
  source: Schema.String,
  seed: Schema.String,
  documentsWanted: Count,
  documents: Count,
  passages: Count,
  /** Why fewer documents than wanted were drawn, or null. */
  shortfall: Schema.NullOr(Schema.String)
})

/** `out/score/manifest.json`: what the score stage read, and what its selection made of every passage. */
export const ScoreManifest = Schema.Struct({
  /** Documents read (their passages come one after another in sample order). */
  documents: Count,
  /** Passages scored: every sampled passage. */
  scored: Count,
  kept: Count,
  /** Passages looked at and dropped, by reason. */
  rejected: Schema.Struct({
    belowThreshold: Count,
    /** Mostly written in another language than the project's (see `languageId`). */
    otherLanguage: Count
  }),
  /** The passages rejected as another language, by the language detected (ISO 639-3). */
  otherLanguages: Schema.Record(Schema.String, Count),
  /** Chunks not looked at because an earlier chunk of their document was kept. */
  laterChunks: Count,
  /** Passages not looked at because the target was met before them. */
  afterTarget: Count,
  target: Count,
  threshold: Schema.Number,
  languageId: Schema.Struct({
    detector: Schema.String,
    minShare: Schema.Number,
    /** Whether the detector knows the project's language; when it does not, nothing is rejected as another. */
    knowsLanguage: Schema.Boolean
  }),
  shortfall: Schema.NullOr(Schema.String),
  /** A tokenized model's passages cut to its maximum length (absent for the default, feature-based model). */
  truncated: Schema.optional(Schema.Struct({ passages: Count, maxLength: Count }))
})

/** `out/annotate/manifest.json`; `rejected` counts answers and parts of answers, not passages. */
export const AnnotateManifest = Schema.Struct({
  annotator: Schema.String,
  /** With a second annotator: who it was, and how its mentions and the first's were merged (`mergeMentions`). */
  secondAnnotator: Schema.optionalKey(Schema.String),
  merge: Schema.optionalKey(Schema.Struct({
    agreements: Count,
    merges: Count,
    conflicts: Count,
    longer: Count,
    onlyFirst: Count,
    onlySecond: Count,
    dropped: Count
  })),
  passages: Count,
  mentions: Count,
  labels: Count,
  rejected: RejectionCounts,
  llm: LlmUsage
})

/**
 * `out/annotate-second/manifest.json`: the second annotator's own output, before annotate merges it with the first's;
 * `annotator` is null when none is configured, and then nothing was asked.
 */
export const SecondAnnotateManifest = Schema.Struct({
  annotator: Schema.NullOr(Schema.String),
  passages: Count,
  mentions: Count,
  labels: Count,
  rejected: RejectionCounts,
  llm: LlmUsage
})

/** The judge's declared scale, which every rating must fall on. */
export const JudgeScale = Schema.Struct({ minimum: Schema.Int, maximum: Schema.Int })

/** sha256 (hex) of a prompt template: which prompt produced an output, for the dataset's provenance. */
const PromptDigest = Schema.String.check(Schema.isPattern(/^[0-9a-f]{64}$/))

/**
 * `out/judge/summary.json`: the judge's verdicts in numbers and who gave them with which prompt, as export's
 * statistics read them.
 */
export const JudgeSummary = Schema.Struct({
  judge: Schema.String,
  /** True when the offline teacher judged: a rule-based stand-in, not an LLM. */
  standIn: Schema.Boolean,
  prompt: PromptDigest,
  scale: JudgeScale,
  sampled: Count,
  judged: Count,
  meanFaithfulness: Schema.NullOr(Schema.Number),
  meanCompleteness: Schema.NullOr(Schema.Number)
})
export type JudgeSummary = typeof JudgeSummary.Type

/** `out/judge/manifest.json`; `rejected` counts answers that gave no judgement, one per sampled passage at most. */
export const JudgeManifest = Schema.Struct({
  judge: Schema.String,
  sampled: Count,
  judged: Count,
  rejected: RejectionCounts,
  llm: LlmUsage
})

/** One label of the language's label set and its translation; an untranslated label keeps its English text. */
export const TranslatedLabel = Schema.Struct({
  label: Schema.String,
  translation: Schema.String,
  translated: Schema.Boolean
})

/** `out/translate/labels.json` (and export's copy): both label sets, one consistent mapping, and who translated. */
export const TranslatedLabels = Schema.Struct({
  language: Schema.String,
  translator: Schema.String,
  prompt: PromptDigest,
  labels: Schema.Array(TranslatedLabel)
})
export type TranslatedLabels = typeof TranslatedLabels.Type

/** `out/translate/manifest.json` */
export const TranslateManifest = Schema.Struct({
  translator: Schema.String,
  labels: Count,
  translated: Count,
  untranslated: Schema.Array(Schema.String),
  /** Requests asked: the sorted labels in slices of the configured batch size. */
  batches: Count,
  /** Batches whose request failed or whose answer held no object: all their labels are untranslated. */
  failedBatches: Count,
  llm: LlmUsage
})

