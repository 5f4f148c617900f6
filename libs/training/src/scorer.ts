import { Effect, FileSystem, Path } from "effect"
import { readJson, readJsonl, replaceDirectory, sha256, toJson, writeFileAtomic } from "#files"
import { ngramFeatures } from "#scoring"
import { usefulThreshold } from "#schema"
import { stageTable } from "#stages"
import { rateUsefulness } from "#teacher"
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

/** Every language's ratings and the rate manifests' word on who rated, in code order. */
const readRatings = Effect.fn("readRatings")(function*() {
  const workspace = yield* Workspace
  const fs = yield* FileSystem.FileSystem
  const codes = (yield* fs.readDirectory(workspace.resolve("languages"))).toSorted()
  const byLanguage = new Map<string, ReadonlyArray<typeof rated.ratings.schema.Type>>()
  const raters = new Set<string>()
  const bcp47 = new Map<string, string>()
  for (const code of codes) {
    if (!(yield* fs.exists(workspace.resolve(`languages/${code}/language.json`)))) continue
    bcp47.set(code, (yield* workspace.loadLanguage(code)).language.bcp47)
    const folder = workspace.stageDir(code, "rate")
    const file = `${folder}/${rated.ratings.name}`
    if (!(yield* fs.exists(workspace.resolve(file)))) return yield* new MissingRatings({ file })
    byLanguage.set(code, yield* readJsonl(workspace.resolve(file), rated.ratings.schema))
    raters.add((yield* readJson(workspace.resolve(`${folder}/${rated.manifest.name}`), rated.manifest.schema)).rater)
  }
  return { byLanguage, raters: [...raters].sort(), bcp47 }
})

/**
 * The trained model's report on FLORES-200 passages (SIB-200 layout) of the workspace's languages, rated by the
 * offline teacher's rule called directly (the answer its server gives the rate prompt); skipped when the folder is
 * absent.
 */
const floresReport = Effect.fn("floresReport")(function*(
  config: TrainScorerConfig,
  bcp47: ReadonlyMap<string, string>,
  score: (items: ReadonlyArray<Scored>) => ReturnType<typeof report>
) {
  const workspace = yield* Workspace
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const dir = workspace.resolve(config.flores.dir)
  if (!(yield* fs.exists(dir))) return { skipped: `${config.flores.dir} is absent` } as const
  const items: Array<Scored> = []
  const histogram: Record<string, number> = { "1": 0, "2": 0, "3": 0, "4": 0 }
  const folders = (yield* fs.readDirectory(dir)).toSorted().filter((code) => bcp47.has(code))
  for (const code of folders) {
    for (const passage of yield* floresPassages(path.join(dir, code), config.flores.sentencesPerPassage)) {
      const { score } = rateUsefulness(passage.text, bcp47.get(code)!)
      histogram[score] += 1
      items.push({ language: code, x: ngramFeatures(passage.text, config.ngrams), useful: score >= usefulThreshold })
    }
  }
  return { dir: config.flores.dir, sentencesPerPassage: config.flores.sentencesPerPassage, histogram, ...score(items) }
})

/**
 * train-scorer: fits the passage scorer on every language's ratings (binary target: score >= 3), holding out a share
 * of each language for the report, and writes `scorer/`: the ONNX model, its manifest, the report and the model card.
 */
export const trainScorer = Effect.fn("trainScorer")(function*() {
  const workspace = yield* Workspace
  const config = yield* workspace.readConfig(trainScorerConfigFile, ConfigSchema)
  const { byLanguage, raters, bcp47 } = yield* readRatings()
  const split = holdOut(byLanguage, (rating) => rating.id, config.seed, config.holdout)
  const scored = (part: typeof split.train): Array<Scored> =>
    part.map(({ language, item }) => ({
      language,
      x: ngramFeatures(item.text, config.ngrams),
      useful: item.score >= usefulThreshold
    }))
  const train = scored(split.train)
  const test = scored(split.test)

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

  const model = networkModel(mlp, {
    name: MODEL_NAME,
    version: MODEL_VERSION,
    producer: "finerweb libs/training (finerweb train-scorer)",
    doc: "Passage scorer trained on usefulness ratings: P(score >= 3) from hashed character n-grams.",
    input: "features",
    output: "score"
  })
  const manifest = {
    model: MODEL_NAME,
    version: MODEL_VERSION,
    file: "scorer.onnx",
    sha256: sha256(model),
    bytes: model.length,
    irVersion: IR_VERSION,
    opsetVersion: OPSET_VERSION,
    preparation: "hashed-ngrams",
    ngrams: config.ngrams,
    input: { name: "features", shape: ["batch", config.ngrams.dimensions] },
    output: { name: "score", shape: ["batch", 1] },
    threshold: config.threshold
  }
  const ratings = [...byLanguage.values()].flat()
  const results = {
    data: {
      languages: byLanguage.size,
      ratings: ratings.length,
      useful: ratings.filter((rating) => rating.score >= usefulThreshold).length,
      train: train.length,
      heldOut: test.length,
      raters
    },
    config,
    training: { examples: train.length, finalLoss: Math.round(losses.at(-1)! * 1e4) / 1e4 },
    heldOut: score(test),
    flores: yield* floresReport(config, bcp47, score)
  }

  const folder = workspace.resolve(scorerFolder)
  yield* replaceDirectory(folder, (temporary) =>
    Effect.gen(function*() {
      yield* writeFileAtomic(`${temporary}/${manifest.file}`, model)
      yield* writeFileAtomic(`${temporary}/scorer.json`, toJson(manifest))
      yield* writeFileAtomic(`${temporary}/report.json`, toJson(results))
      yield* writeFileAtomic(`${temporary}/README.md`, modelCard(manifest, results))
    }))
  const { macro } = results.heldOut
  yield* Effect.logInfo(
    `train-scorer: ${train.length} ratings of ${byLanguage.size} languages fitted in ${seconds.toFixed(1)} s; ` +
      `held out ${test.length}: macro P/R/F1 ${macro.precision ?? "-"}/${macro.recall ?? "-"}/${macro.f1 ?? "-"}; ` +
      `${scorerFolder}/${manifest.file} sha256 ${manifest.sha256}`
  )
  return { manifest, results, seconds }
})

