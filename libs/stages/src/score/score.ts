import { Effect, FileSystem, Layer, Path, Schema, Stream } from "effect"
import { Passage, PassageScore, ScoredPassage } from "#schema"
import { LanguageId, LanguageIdOptions, Scorer, ScorerOptions } from "#scoring"
import { type LoadedLanguage, Workspace } from "#workspace"
import { MissingUpstream, stageFilePath } from "../files.ts"
import { writeStageOutput } from "../output.ts"
import { fileName, stageFiles, stageTable } from "../table.ts"
import { makeSelection } from "./select.ts"
import { jsonlWriter, streamJsonl } from "./stream.ts"

/**
 * `score/config.json`: the scorer's own options (`modelPath` relative to the workspace root), language ID's, and the
 * paper's selection rule.
 */
export const ScoreConfig = Schema.Struct({
  ...ScorerOptions.fields,
  /**
   * Keep passages scoring strictly above it (the paper: prediction > 0.5). On the model's scale: a probability for the
   * default model and sigmoid or softmax heads, the rating's scale for a regression head.
   */
  threshold: Schema.Finite,
  /** Drop passages mostly written in another language than the project's. */
  languageId: LanguageIdOptions
})

const readScoreConfig = Effect.gen(function*() {
  const workspace = yield* Workspace
  return yield* workspace.readConfig(stageTable.score.config, ScoreConfig)
})

/** One scorer session and one language detector from `score/config.json`, opened for the run and released after it. */
export const layer = Layer.unwrap(Effect.gen(function*() {
  const workspace = yield* Workspace
  const config = yield* readScoreConfig
  return Layer.merge(
    Scorer.layer({
      modelPath: workspace.resolve(config.modelPath),
      executionProviders: config.executionProviders,
      intraOpThreads: config.intraOpThreads,
      batchSize: config.batchSize
    }),
    LanguageId.layer(config.languageId)
  )
}))

// Rounded to six decimals, so that float noise in the last digits does not change the output bytes.
const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals

/**
 * score: predicts each passage's usefulness for NER, then keeps, per document in sample order, the first passage
 * above the threshold that is not mostly in another language (as the paper does), until the language's passage
 * target is met. Passages stream from the sample's file through the model in batches into files written as they
 * go, so memory holds one batch and the kept documents' ids, whatever the corpus's size.
 */
export const run = Effect.fn("score")(function*(loaded: LoadedLanguage) {
  const { language } = loaded
  const { code, writing } = language
  const config = yield* readScoreConfig
  const scorer = yield* Scorer
  const languageId = yield* LanguageId
  const workspace = yield* Workspace
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path

  const input = yield* stageFilePath(stageFiles.sample.passages, code)
  if (!(yield* fs.exists(workspace.resolve(input)).pipe(Effect.orElseSucceed(() => false)))) {
    return yield* new MissingUpstream({ file: input, stage: "sample" })
  }
  const { detector } = config.languageId
  const knowsLanguage = languageId.knows(language.iso639_3)
  if (!knowsLanguage) {
    yield* Effect.logWarning(
      `score ${code}: the language detector ${detector} does not know ${language.iso639_3}, ` +
        `so no passage is rejected as another language`
    )
  }
  const project = { iso639_3: language.iso639_3, locale: writing.locale }
  const selection = makeSelection({
    threshold: config.threshold,
    target: language.passages,
    judgeLanguage: (text) => languageId.judge(text, project)
  })

  // The files are streamed into a scratch folder beside the output folder (the same disk), then moved into it.
  const outDir = path.dirname(workspace.resolve(workspace.stageDir(code, "score")))
  yield* fs.makeDirectory(outDir, { recursive: true })
  const scratch = yield* fs.makeTempDirectoryScoped({ directory: outDir, prefix: ".score-stream-" })
  const kept = yield* jsonlWriter(path.join(scratch, fileName(stageFiles.score.passages, code)), ScoredPassage)
  const scores = yield* jsonlWriter(path.join(scratch, fileName(stageFiles.score.scores, code)), PassageScore)

  let documents = 0
  let scored = 0
  let truncated = 0
  let previousDocument: string | null = null
  yield* streamJsonl(workspace.resolve(input), Passage).pipe(
    Stream.grouped(config.batchSize),
    Stream.runForEach((batch) =>
      Effect.gen(function*() {
        const predictions = yield* scorer.score(batch.map((passage) => passage.text), writing)
        truncated += predictions.truncated.filter((cut) => cut > 0).length
        const keptRows: Array<ScoredPassage> = []
        const scoreRows = batch.map((passage, index): PassageScore => {
          if (passage.document !== previousDocument) documents++
          previousDocument = passage.document
          const score = round(predictions.scores[index], 6)
          const decided = selection.decide(passage, score)
          if (decided.decision === "kept") keptRows.push(new ScoredPassage({ ...passage, score }))
          const otherShare = decided.otherShare === null ? null : round(decided.otherShare, 4)
          const cut = predictions.truncated[index]
          return {
            id: passage.id,
            score,
            decision: decided.decision,
            otherShare,
            otherLanguage: decided.otherLanguage,
            ...(cut > 0 ? { truncated: cut } : {})
          }
        })
        scored += batch.length
        yield* kept.write(keptRows)
        yield* scores.write(scoreRows)
      })
    )
  )
  const totals = selection.totals()
  // Says why, down to zero kept: annotate, judge, translate and export then write empty outputs.
  const shortfall = totals.kept < language.passages
    ? `kept ${totals.kept} passages, fewer than the target of ${language.passages}: of ${scored} scored, ` +
      `${totals.belowThreshold} below the threshold ${config.threshold}, ${totals.otherLanguage} mostly in another ` +
      `language, ${totals.laterChunks} later chunks of a document already kept`
    : null
  const manifest = {
    documents,
    scored,
    kept: totals.kept,
    rejected: { belowThreshold: totals.belowThreshold, otherLanguage: totals.otherLanguage },
    otherLanguages: totals.otherLanguages,
    laterChunks: totals.laterChunks,
    afterTarget: totals.afterTarget,
    target: language.passages,
    threshold: config.threshold,
    languageId: { ...config.languageId, knowsLanguage },
    shortfall,
    // Only a tokenized model cuts passages; the default model's manifest stays as it was.
    ...(scorer.manifest.preparation === "tokenizer"
      ? { truncated: { passages: truncated, maxLength: scorer.manifest.tokenizer.maxLength } }
      : {})
  }

  yield* writeStageOutput("score", loaded, {
    files: {
      passages: { written: kept.path, digest: yield* kept.finish },
      scores: { written: scores.path, digest: yield* scores.finish },
      manifest
    },
    inputs: { model: { path: config.modelPath, sha256: scorer.digest } },
    // Another provider may differ in the last float digits, which the six-decimal rounding absorbs.
    run: { executionProvider: scorer.provider }
  })
  const others = Object.entries(totals.otherLanguages).map(([other, count]) => `${count} ${other}`).join(", ")
  yield* Effect.logInfo(
    `score ${code}: kept ${totals.kept} of ${scored} passages from ${documents} documents ` +
      `(${totals.belowThreshold} below ${config.threshold}, ${totals.otherLanguage} in another language` +
      `${others === "" ? "" : `: ${others}`})` +
      (truncated > 0 ? `; ${truncated} passages were cut to the model's maximum length` : "")
  )
  return manifest
}, Effect.scoped)
