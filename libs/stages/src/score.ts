import { Effect, Layer } from "effect"
import { loadConfig, workspaceRoot } from "#config"
import { toJsonl } from "#files"
import { Passage, ScoredPassage } from "#schema"
import { looksEnglish, Scorer } from "#scoring"
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
  const scores = yield* scorer.score(passages.map((passage) => passage.text))

  const rejectEnglish = config.rejectEnglish && language.iso639_3 !== "eng"
  const counts = { scored: passages.length, belowThreshold: 0, english: 0, laterChunks: 0 }
  const kept: Array<ScoredPassage> = []
  const settled = new Set<string>()
  passages.forEach((passage, index) => {
    if (kept.length >= language.passages) return
    if (settled.has(passage.document)) {
      counts.laterChunks++
      return
    }
    const value = Math.round(scores[index] * 1e6) / 1e6
    if (value <= config.threshold) counts.belowThreshold++
    else if (rejectEnglish && looksEnglish(passage.text)) counts.english++
    else {
      settled.add(passage.document)
      kept.push(new ScoredPassage({ ...passage, score: value }))
    }
  })
  const shortfall = kept.length < language.passages
    ? `kept ${kept.length} passages, fewer than the target of ${language.passages}`
    : null
  const manifest = { ...counts, kept: kept.length, target: language.passages, threshold: config.threshold, shortfall }

  yield* writeStageOutput(language.code, "score", {
    inputs: {
      language: digest,
      config,
      model: { path: config.model, sha256: scorer.digest },
      packages: packageVersions(["onnxruntime-node"])
    },
    files: { "passages.jsonl": toJsonl(kept), "manifest.json": JSON.stringify(manifest, null, 2) + "\n" }
  })
  yield* Effect.logInfo(
    `score ${language.code}: kept ${kept.length} of ${passages.length} passages ` +
      `(${counts.belowThreshold} below ${config.threshold}, ${counts.english} English)`
  )
  return manifest
})

/** score with the configured model, its session opened for this run and released after it. */
export const scoreWithModel = (language: LoadedLanguage) => score(language).pipe(Effect.provide(scorerLayer))
