import { NodeServices } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect, FileSystem, Layer } from "effect"
import { ngramFeatures, Scorer, ScorerModelError } from "#scoring"
import { toJson } from "#files"
import { forwardSparse } from "./mlp.ts"
import { networkModel } from "./network.ts"
import { networkMeta, ngramManifest } from "./scorer.ts"
import { trainMlp } from "./train.ts"

const spec = { dimensions: 256, minN: 1, maxN: 3 }
const places = ["Nairobi", "Berlin", "Lagos", "Oslo", "Quito", "Hanoi", "Lima", "Dakar"]
const kitchen = ["spoon", "kettle", "butter", "sugar", "whisk", "plate", "cup", "flour"]
const text = (i: number) => Array.from({ length: 6 }, (_, k) => (i % 2 === 0 ? places : kitchen)[(i + k * 3) % 8]).join(" ")

/** A small network trained as train-scorer trains, on texts that are separable by their words. */
const { mlp } = trainMlp(
  Array.from({ length: 40 }, (_, i) => ({ x: ngramFeatures(text(i), spec), y: (i % 2 === 0 ? 1 : 0) as 0 | 1 })),
  { inputs: spec.dimensions, hidden: 8, epochs: 20, batchSize: 8, learningRate: 0.01, l2: 1e-5, seed: "serve" }
)
const model = networkModel(mlp, networkMeta)

/** Writes the model and the manifest train-scorer writes beside it into a temp folder; `edit` may break the model. */
const written = (edit: (bytes: Uint8Array) => Uint8Array | null = (bytes) => bytes) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const folder = yield* fs.makeTempDirectoryScoped()
    const bytes = edit(model)
    if (bytes !== null) yield* fs.writeFile(`${folder}/scorer.onnx`, bytes)
    yield* fs.writeFileString(`${folder}/scorer.json`, toJson(ngramManifest(model, spec)))
    return `${folder}/scorer.onnx`
  })

const scoreAt = (modelPath: string, texts: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const scorer = yield* Scorer
    return (yield* scorer.score(texts, { words: "space", locale: "en" })).scores
  }).pipe(
    Effect.provide(Scorer.layer({ modelPath, executionProviders: ["cpu"], intraOpThreads: 1, batchSize: 3 }).pipe(
      Layer.provide(NodeServices.layer)
    ))
  )

describe("a trained model served by the Scorer", () => {
  it.effect("scores each passage as the plain forward pass of the same network on ngramFeatures", () =>
    Effect.gen(function*() {
      const modelPath = yield* written()
      // Unseen texts, and one with no n-gram but the padding spaces, in batches of 3.
      const texts = [...Array.from({ length: 7 }, (_, i) => text(i + 100)), "Oslo, Lima: 2024!", ""]
      const scores = yield* scoreAt(modelPath, texts)
      assert.strictEqual(scores.length, texts.length)
      scores.forEach((score, i) => assert.approximately(score, forwardSparse(mlp, ngramFeatures(texts[i], spec)), 1e-5, texts[i]))
      // Not a constant network: the place names and the kitchen words score apart.
      assert.isAbove(scores[0] - scores[1], 0.5)
    }).pipe(Effect.scoped, Effect.provide(NodeServices.layer)))

  it.effect("a missing model gives one ScorerModelError naming it", () =>
    Effect.gen(function*() {
      const modelPath = yield* written(() => null)
      const error = yield* Effect.flip(scoreAt(modelPath, ["text"]))
      assert.instanceOf(error, ScorerModelError)
      assert.strictEqual(error.message, `scorer model not found: ${modelPath}`)
    }).pipe(Effect.scoped, Effect.provide(NodeServices.layer)))

  it.effect("a corrupt model gives one ScorerModelError naming it and its manifest's digest", () =>
    Effect.gen(function*() {
      // One flipped byte in a weight: still loadable ONNX, but not the bytes the manifest pins.
      const modelPath = yield* written((bytes) => bytes.map((byte, i) => (i === bytes.length - 10 ? byte ^ 1 : byte)))
      const error = yield* Effect.flip(scoreAt(modelPath, ["text"]))
      assert.instanceOf(error, ScorerModelError)
      assert.include(error.message, `scorer model ${modelPath} has sha256 `)
      assert.include(error.message, `but its manifest ${modelPath.replace(/onnx$/, "json")} says ${ngramManifest(model, spec).sha256}`)
    }).pipe(Effect.scoped, Effect.provide(NodeServices.layer)))
})
