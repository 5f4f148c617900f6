import { Effect, Layer, Schema } from "effect"
import { ScoredPassage } from "#schema"
import { Scorer, ScorerOptions } from "#scoring"
import { type LoadedLanguage, Workspace } from "#workspace"
import { readStageFile } from "../files.ts"
import { writeStageOutput } from "../output.ts"
import { stageFiles, stageTable } from "../table.ts"
import { selectPassages } from "./select.ts"

/**
 * `score/config.json`: the scorer's own options (`modelPath` relative to the workspace root) and the paper's
 * selection rule.
 */
export const ScoreConfig = Schema.Struct({
  ...ScorerOptions.fields,
  /** Keep passages scoring strictly above it (the paper: prediction > 0.5). */
  threshold: Schema.Number.check(Schema.isBetween({ minimum: 0, maximum: 1 })),
  /** Drop passages that are really English (for every language but English). */
  rejectEnglish: Schema.Boolean
})

const readScoreConfig = Effect.gen(function*() {
  const workspace = yield* Workspace
  return yield* workspace.readConfig(stageTable.score.config, ScoreConfig)
})

/** One scorer session from `score/config.json`, opened for the run and released after it. */
export const layer = Layer.unwrap(Effect.gen(function*() {
  const workspace = yield* Workspace
  const config = yield* readScoreConfig
  return Scorer.layer({
    modelPath: workspace.resolve(config.modelPath),
    executionProviders: config.executionProviders,
    intraOpThreads: config.intraOpThreads,
    batchSize: config.batchSize
  })
}))

/**
 * score: predicts each passage's usefulness for NER, then keeps, per document in sample order, the first passage
 * above the threshold that is not really English (as the paper does), until the language's passage target is met.
 */
export const run = Effect.fn("score")(function*(loaded: LoadedLanguage) {
  const { language } = loaded
  const config = yield* readScoreConfig
  const scorer = yield* Scorer
  const passages = yield* readStageFile(stageFiles.sample.passages, language.code)
  const { writing } = language
  const scores = yield* scorer.score(passages.map((passage) => passage.text), writing)

  // Rounded to six decimals, so that float noise in the last digits does not change the output bytes.
  const rounded = scores.map((value) => Math.round(value * 1e6) / 1e6)
  const selection = selectPassages(passages, rounded, {
    threshold: config.threshold,
    rejectEnglish: config.rejectEnglish && language.iso639_3 !== "eng",
    writing,
    target: language.passages
  })
  const kept = selection.kept.map(({ passage, score }) => new ScoredPassage({ ...passage, score }))
  const shortfall = kept.length < language.passages
    ? `kept ${kept.length} passages, fewer than the target of ${language.passages}`
    : null
  const manifest = {
    scored: passages.length,
    belowThreshold: selection.belowThreshold,
    english: selection.english,
    laterChunks: selection.laterChunks,
    kept: kept.length,
    target: language.passages,
    threshold: config.threshold,
    shortfall
  }

  yield* writeStageOutput("score", loaded, {
    files: { passages: kept, manifest },
    inputs: { model: { path: config.modelPath, sha256: scorer.digest } }
  })
  yield* Effect.logInfo(
    `score ${language.code}: kept ${kept.length} of ${passages.length} passages ` +
      `(${selection.belowThreshold} below ${config.threshold}, ${selection.english} English)`
  )
  return manifest
})
