import { Effect, Layer } from "effect"
import { loadConfig, workspaceRoot } from "#config"
import { toJson, toJsonl } from "#files"
import { Passage, ScoredPassage } from "#schema"
import { Scorer, selectPassages } from "#scoring"
import type { LoadedLanguage } from "./shared/language.ts"
import { writeStageOutput } from "./shared/output.ts"
import { packageVersions } from "./shared/packages.ts"
import { readUpstreamRows } from "./shared/upstream.ts"

/** One scorer session from score.json, the model path taken from the workspace root. */
const scorerLayer = Layer.unwrap(Effect.map(loadConfig("score"), (config) =>
  Scorer.layer({
    modelPath: `${workspaceRoot}/${config.model}`,
    executionProviders: config.executionProviders,
    intraOpThreads: config.intraOpThreads,
    batchSize: config.batchSize
  })))

/**
 * score: predicts each passage's usefulness for NER, then keeps, per document in sample order, the first passage
 * above the threshold that is not really English (as the paper does), until the language's passage target is met.
 */
export const score = Effect.fn("score")(function*({ language, digest }: LoadedLanguage) {
  const config = yield* loadConfig("score")
  const scorer = yield* Scorer
  const passages = yield* readUpstreamRows(language.code, "sample", "passages.jsonl", Passage)
  const writing = { words: language.words, locale: language.bcp47 }
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

  yield* writeStageOutput(language.code, "score", {
    inputs: {
      language: digest,
      config,
      model: { path: config.model, sha256: scorer.digest },
      packages: packageVersions(["onnxruntime-node"])
    },
    files: { "passages.jsonl": toJsonl(kept), "manifest.json": toJson(manifest) }
  })
  yield* Effect.logInfo(
    `score ${language.code}: kept ${kept.length} of ${passages.length} passages ` +
      `(${selection.belowThreshold} below ${config.threshold}, ${selection.english} English)`
  )
  return manifest
})

/** score with the configured model, its session opened for this run and released after it. */
export const scoreWithModel = (language: LoadedLanguage) => score(language).pipe(Effect.provide(scorerLayer))
