import { Effect, FileSystem, Path } from "effect"
import { readJson, readJsonl, replaceDirectory, sha256, toJson, writeFileAtomic } from "#files"
import { type NgramManifest, ngramFeatures, type NgramSpec } from "#scoring"
import { type Language, usefulThreshold } from "#schema"
import { loadRate, stageTable } from "#stages"
import { Workspace } from "#workspace"
import { modelCard } from "./card.ts"
import { scorerFolder, type TrainScorerConfig, TrainScorerConfig as ConfigSchema, trainScorerConfigFile } from "./config.ts"
import { MissingRatings } from "./errors.ts"
import { floresPassages } from "./flores.ts"
import { IR_VERSION, networkModel, OPSET_VERSION } from "./network.ts"
import { report, type Scored } from "./report.ts"
import { holdOut } from "./split.ts"
import { trainMlp } from "./train.ts"

export const MODEL_NAME = "finerweb-ngram-scorer"
export const MODEL_VERSION = 1

const rated = stageTable.rate.writes

/** A rated passage of one source, as the trainer uses it. */
interface Rated {
  readonly id: string
  readonly text: string
  readonly score: number
}

/** Every language of the workspace, in code order. */
const workspaceLanguages = Effect.fn("workspaceLanguages")(function*() {
  const workspace = yield* Workspace
  const fs = yield* FileSystem.FileSystem
  const languages: Array<Language> = []
  for (const code of (yield* fs.readDirectory(workspace.resolve("languages"))).toSorted()) {
    if (!(yield* fs.exists(workspace.resolve(`languages/${code}/language.json`)))) continue
    languages.push((yield* workspace.loadLanguage(code)).language)
  }
  return languages
})

/** The embedded corpus's source: every language's rate output, and the rate manifests' word on who rated. */
const readRatings = Effect.fn("readRatings")(function*(languages: ReadonlyArray<Language>) {
  const workspace = yield* Workspace
  const fs = yield* FileSystem.FileSystem
  const byLanguage = new Map<string, ReadonlyArray<Rated>>()
  const raters = new Set<string>()
  for (const { code } of languages) {
    const folder = workspace.stageDir(code, "rate")
    const file = `${folder}/${rated.ratings.name}`
    if (!(yield* fs.exists(workspace.resolve(file)))) return yield* new MissingRatings({ file })
    byLanguage.set(code, yield* readJsonl(workspace.resolve(file), rated.ratings.schema))
    raters.add((yield* readJson(workspace.resolve(`${folder}/${rated.manifest.name}`), rated.manifest.schema)).rater)
  }
  return { byLanguage, raters: [...raters].sort() }
})

/**
 * The FLORES source: the FLORES-200 passages (SIB-200 layout) of the workspace's languages, rated through the LLM
 * client with the rate stage's prompt and parser (the configured endpoint, else the offline teacher; the answers go
 * into the response cache); absent when the folder is.
 */
const rateFlores = Effect.fn("rateFlores")(function*(config: TrainScorerConfig, languages: ReadonlyArray<Language>) {
  const workspace = yield* Workspace
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const dir = workspace.resolve(config.flores.dir)
  if (!(yield* fs.exists(dir))) return { skipped: `${config.flores.dir} is absent` } as const
  const present = new Set(yield* fs.readDirectory(dir))
  const rate = yield* Effect.promise(loadRate)
  return yield* Effect.gen(function*() {
    const byLanguage = new Map<string, ReadonlyArray<Rated>>()
    const rejected: Record<string, number> = {}
    let answerer = ""
    let passages = 0
    for (const language of languages.filter(({ code }) => present.has(code))) {
      const texts = yield* floresPassages(path.join(dir, language.code), config.flores.sentencesPerPassage)
      const ratings = yield* rate.ratePassages(language, texts)
      byLanguage.set(language.code, ratings.rated.map(({ passage, score }) => ({ id: passage.id, text: passage.text, score })))
      for (const [reason, count] of Object.entries(ratings.rejected)) rejected[reason] = (rejected[reason] ?? 0) + count
      answerer = ratings.answerer
      passages += texts.length
      yield* Effect.logDebug(`train-scorer: rated ${ratings.rated.length} of ${texts.length} FLORES passages of ${language.code}`)
    }
    const all = [...byLanguage.values()].flat()
    return {
      dir: config.flores.dir,
      sentencesPerPassage: config.flores.sentencesPerPassage,
      byLanguage,
      raters: answerer === "" ? [] : [answerer],
      passages,
      rejected,
      histogram: rate.histogram(all)
    }
  }).pipe(Effect.provide(rate.layer))
})

/** A source's ratings split into training and held-out passages, stratified by language. */
const splitSource = (byLanguage: ReadonlyMap<string, ReadonlyArray<Rated>>, config: TrainScorerConfig) => {
  const split = holdOut(byLanguage, (rating) => rating.id, config.seed, config.holdout)
  const scored = (part: typeof split.train): Array<Scored> =>
    part.map(({ language, item }) => ({
      language,
      x: ngramFeatures(item.text, config.ngrams),
      useful: item.score >= usefulThreshold
    }))
  const ratings = [...byLanguage.values()].flat()
  return {
    train: scored(split.train),
    test: scored(split.test),
    counts: {
      languages: [...byLanguage.values()].filter((items) => items.length > 0).length,
      ratings: ratings.length,
      useful: ratings.filter((rating) => rating.score >= usefulThreshold).length,
      train: split.train.length,
      heldOut: split.test.length
    }
  }
}

/** FLORES split as the embedded source is, and what the report says of it: why it was skipped, or how it was rated. */
const floresPart = (flores: Effect.Success<ReturnType<typeof rateFlores>>, config: TrainScorerConfig) => {
  if ("skipped" in flores) return { source: flores, split: null }
  const split = splitSource(flores.byLanguage, config)
  const { raters, dir, sentencesPerPassage, passages, rejected, histogram } = flores
  return { source: { ...split.counts, raters, dir, sentencesPerPassage, passages, rejected, histogram }, split }
}

/** The manifest the `Scorer` reads beside the model's bytes. */
export const ngramManifest = (model: Uint8Array, ngrams: NgramSpec): NgramManifest => ({
  model: MODEL_NAME,
  version: MODEL_VERSION,
  file: "scorer.onnx",
  sha256: sha256(model),
  bytes: model.length,
  irVersion: IR_VERSION,
  opsetVersion: OPSET_VERSION,
  preparation: "hashed-ngrams",
  ngrams,
  input: { name: "features", shape: ["batch", ngrams.dimensions] },
  output: { name: "score", shape: ["batch", 1] }
})

/** What the ONNX file says about itself. */
export const networkMeta = {
  name: MODEL_NAME,
  version: MODEL_VERSION,
  producer: "finerweb libs/training (finerweb train-scorer)",
  doc: "Passage scorer trained on usefulness ratings: P(score >= 3) from hashed character n-grams.",
  input: "features",
  output: "score"
}

/**
 * train-scorer: fits the passage scorer (binary target: score >= 3) on two sources, every language's `rate` output on
 * the workspace's corpus and, where the folder exists, the FLORES-200 passages of the workspace's languages rated the
 * same way; a share of each language of each source is held out and reported apart. Writes the model, its
 * manifest, the report and the model card into `libs/scoring/model/`, the score stage's default model.
 */
export const trainScorer = Effect.fn("trainScorer")(function*() {
  const workspace = yield* Workspace
  const config = yield* workspace.readConfig(trainScorerConfigFile, ConfigSchema)
  const languages = yield* workspaceLanguages()
  const ratings = yield* readRatings(languages)
  const embedded = splitSource(ratings.byLanguage, config)
  const flores = yield* rateFlores(config, languages)
  const { source: floresSource, split: floresSplit } = floresPart(flores, config)
  const train = [...embedded.train, ...(floresSplit?.train ?? [])]

  const started = performance.now()
  const { mlp, losses } = trainMlp(train.map(({ x, useful }) => ({ x, y: useful ? 1 : 0 })), {
    inputs: config.ngrams.dimensions,
    hidden: config.hidden,
    epochs: config.epochs,
    batchSize: config.batchSize,
    learningRate: config.learningRate,
    l2: config.l2,
    seed: config.seed
  })
  const seconds = (performance.now() - started) / 1000
  const score = (items: ReadonlyArray<Scored>) => report(mlp, items, config.threshold)

  const model = networkModel(mlp, networkMeta)
  const manifest = ngramManifest(model, config.ngrams)
  const results = {
    sources: {
      embedded: { ...embedded.counts, raters: ratings.raters },
      flores: floresSource
    },
    config,
    training: { examples: train.length, finalLoss: Math.round(losses.at(-1)! * 1e4) / 1e4 },
    heldOut: {
      embedded: score(embedded.test),
      flores: floresSplit === null ? null : score(floresSplit.test)
    }
  }

  yield* replaceDirectory(workspace.resolve(scorerFolder), (temporary) =>
    Effect.gen(function*() {
      yield* writeFileAtomic(`${temporary}/${manifest.file}`, model)
      yield* writeFileAtomic(`${temporary}/scorer.json`, toJson(manifest))
      yield* writeFileAtomic(`${temporary}/report.json`, toJson(results))
      yield* writeFileAtomic(`${temporary}/README.md`, modelCard(manifest, results))
    }))
  const macro = (name: string, figures: typeof results.heldOut.embedded | null) =>
    figures === null
      ? `${name} skipped`
      : `${name} macro P/R/F1 ${figures.macro.precision ?? "-"}/${figures.macro.recall ?? "-"}/${figures.macro.f1 ?? "-"}`
  yield* Effect.logInfo(
    `train-scorer: ${train.length} passages of ${languages.length} languages fitted in ${seconds.toFixed(1)} s; held out: ` +
      `${macro("embedded", results.heldOut.embedded)}, ${macro("FLORES", results.heldOut.flores)}; ` +
      `${scorerFolder}/${manifest.file} sha256 ${manifest.sha256}`
  )
  return { manifest, results, seconds }
})
