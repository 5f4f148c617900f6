import { Schema } from "effect"

const Positive = Schema.Int.check(Schema.isGreaterThan(0))
const Probability = Schema.Number.check(Schema.isBetween({ minimum: 0, maximum: 1 }))
const Decoding = {
  temperature: Schema.Number.check(Schema.isBetween({ minimum: 0, maximum: 2 })),
  maxTokens: Positive
}

/** `libs/config/stages/sample.json` */
export const SampleConfig = Schema.Struct({
  seed: Schema.NonEmptyString,
  wordsPerPassage: Positive,
  /** Documents drawn per wanted passage, so that the scorer has some to reject. */
  documentsPerPassage: Positive
})

/** `libs/config/stages/score.json` */
export const ScoreConfig = Schema.Struct({
  model: Schema.NonEmptyString,
  threshold: Probability,
  rejectEnglish: Schema.Boolean,
  executionProviders: Schema.Array(Schema.Literals(["cpu", "cuda"])),
  intraOpThreads: Positive,
  batchSize: Positive
})

/** `libs/config/stages/llm.json`; `baseUrl: null` starts the offline teacher. */
export const LlmConfig = Schema.Struct({
  baseUrl: Schema.NullOr(Schema.NonEmptyString),
  model: Schema.NonEmptyString,
  apiKeyEnv: Schema.NonEmptyString,
  concurrency: Positive,
  timeoutSeconds: Positive,
  retries: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
  cacheDir: Schema.NonEmptyString
})

/** `libs/config/stages/annotate.json` */
export const AnnotateConfig = Schema.Struct(Decoding)

/** `libs/config/stages/judge.json` */
export const JudgeConfig = Schema.Struct({
  ...Decoding,
  /** Passages judged per language (the paper: 25). */
  sample: Positive,
  seed: Schema.NonEmptyString
})

/** `libs/config/stages/translate.json` */
export const TranslateConfig = Schema.Struct(Decoding)

export const StageConfigs = {
  sample: SampleConfig,
  score: ScoreConfig,
  llm: LlmConfig,
  annotate: AnnotateConfig,
  judge: JudgeConfig,
  translate: TranslateConfig
} as const

export type ConfigName = keyof typeof StageConfigs
export type StageConfig<K extends ConfigName> = (typeof StageConfigs)[K]["Type"]
