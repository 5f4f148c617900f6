import { Schema } from "effect"
import { LlmSettings } from "#llm"

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
  /** `libs/config/stages/llm.json`, decoded by the client's own options schema; `baseUrl: null` starts the teacher. */
  llm: LlmSettings,
  annotate: AnnotateConfig,
  judge: JudgeConfig,
  translate: TranslateConfig
} as const

export type ConfigName = keyof typeof StageConfigs
export type StageConfig<K extends ConfigName> = (typeof StageConfigs)[K]["Type"]
