export { EmbeddedCorpus, GoldEntry, Language, Script, WordSplitting } from "./Language.ts"
export { Passage, PassageScore, ScoreDecision, ScoredPassage } from "./Passage.ts"
export { AnnotatedPassage, Mention, RejectionCounts, RejectionReason, rejectionReasons, Span } from "./Span.ts"
export { JudgedMention, Judgement, judgeScale, Rating } from "./Judgement.ts"
export { RateManifest, UsefulnessRating, usefulnessScale, usefulThreshold } from "./Usefulness.ts"
export {
  AnnotateManifest,
  JudgeManifest,
  JudgeScale,
  JudgeSummary,
  LlmUsage,
  SampleManifest,
  ScoreManifest,
  SecondAnnotateManifest,
  TranslatedLabel,
  TranslatedLabels,
  TranslateManifest
} from "./Manifest.ts"
export { ExportRecord, TranslatedRecord, TranslatedSpan, FormatLoss, GlinerLine } from "./Record.ts"
export {
  CoreType,
  coreTypes,
  ErrorMention,
  EvaluatedSentence,
  EvaluatedSet,
  EvaluateManifest,
  Evaluation,
  EvaluationError,
  EvaluationErrors,
  EvaluationReport,
  EvaluationSummary,
  Score
} from "./Evaluation.ts"
export {
  LabelCount,
  LanguageStatistics,
  LlmStatistics,
  RejectionTotals,
  ScoreStatistics,
  ScriptStatistics,
  SpansPerSentence
} from "./Statistics.ts"
