import { Schema } from "effect"
import { NgramSettings } from "#scoring"

const Positive = Schema.Int.check(Schema.isGreaterThan(0))

/** `libs/training/config.json`: what `finerweb train-scorer` fits and how. */
export const TrainScorerConfig = Schema.Struct({
  seed: Schema.NonEmptyString,
  /** The share of each language's ratings held out for the report. */
  holdout: Schema.Number.check(Schema.isBetween({ minimum: 0, maximum: 0.5 })),
  ngrams: NgramSettings,
  hidden: Positive,
  epochs: Positive,
  batchSize: Positive,
  learningRate: Schema.Number.check(Schema.isGreaterThan(0)),
  l2: Schema.Number.check(Schema.isGreaterThanOrEqualTo(0)),
  /** A passage is predicted useful above this probability (the paper keeps predictions > 0.5). */
  threshold: Schema.Number.check(Schema.isBetween({ minimum: 0, maximum: 1 })),
  /** FLORES-200 sentences in the SIB-200 layout, relative to the workspace root; a report is skipped without them. */
  flores: Schema.Struct({ dir: Schema.String, sentencesPerPassage: Positive })
})
export type TrainScorerConfig = typeof TrainScorerConfig.Type

/** Where the configuration lives, relative to the workspace root. */
export const trainScorerConfigFile = "libs/training/config.json"

/**
 * The folder the target owns, relative to the workspace root: the score stage's default model (its `modelPath` names
 * `scorer.onnx` in it), committed, so that a retrain shows in `git diff` and reruns score and what follows.
 */
export const scorerFolder = "libs/scoring/model"
