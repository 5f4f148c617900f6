import { NodeServices } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect, FileSystem, Path, Schema } from "effect"
import * as ort from "onnxruntime-node"
import { FEATURE_NAMES, passageFeatures, FeatureManifest } from "#scoring"
import { BIAS, HINGES } from "./heuristic.ts"
import { DEFAULT_MODEL_FOLDER, writeModel } from "./write-model.ts"

const FILES = ["scorer.onnx", "scorer.json", "README.md"]
const english = { words: "space", locale: "en" } as const

/** The heuristic computed directly from the hinge table, in double precision. */
const heuristicScore = (text: string): number => {
  const x = passageFeatures(text, english)
  const logit = HINGES.reduce((sum, h) => {
    const value = x[FEATURE_NAMES.indexOf(h.feature)]
    return sum + h.weight * Math.max(0, h.side === "above" ? value - h.knot : h.knot - value)
  }, BIAS)
  return 1 / (1 + Math.exp(-logit))
}

const writeTo = Effect.fn(function*(folder: string) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const manifest = yield* writeModel(folder)
  const files = yield* Effect.forEach(FILES, (file) => fs.readFile(path.join(folder, file)))
  return { manifest, files }
})

describe("write-model", () => {
  it.effect("writes byte-identical files twice, identical to the committed model", () =>
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const path = yield* Path.Path
      const first = yield* writeTo(yield* fs.makeTempDirectoryScoped())
      const second = yield* writeTo(path.join(yield* fs.makeTempDirectoryScoped(), "nested", "model"))
      assert.deepStrictEqual(second.files, first.files)
      const committed = yield* Effect.forEach(FILES, (file) => fs.readFile(path.join(DEFAULT_MODEL_FOLDER, file)))
      assert.deepStrictEqual(committed, first.files, "run `npx node tools/scorer/write-model.ts` to refresh the model")
    }).pipe(Effect.provide(NodeServices.layer)))

  it.effect("writes a manifest that decodes and names the features in passageFeatures order", () =>
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const folder = yield* fs.makeTempDirectoryScoped()
      yield* writeModel(folder)
      const text = yield* fs.readFileString(`${folder}/scorer.json`)
      const manifest = yield* Schema.decodeUnknownEffect(Schema.fromJsonString(FeatureManifest))(text)
      assert.deepStrictEqual(manifest.features, [...FEATURE_NAMES])
      assert.deepStrictEqual(manifest.input, { name: "features", shape: ["batch", FEATURE_NAMES.length] })
      assert.deepStrictEqual(manifest.output, { name: "score", shape: ["batch", 1] })
      assert.strictEqual(manifest.irVersion, 8)
      assert.strictEqual(manifest.opsetVersion, 17)
    }).pipe(Effect.provide(NodeServices.layer)))

  it.effect("writes an ONNX network that computes the documented hinge heuristic", () =>
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const folder = yield* fs.makeTempDirectoryScoped()
      yield* writeModel(folder)
      const session = yield* Effect.acquireRelease(
        Effect.promise(() => ort.InferenceSession.create(`${folder}/scorer.onnx`, { executionProviders: ["cpu"] })),
        (session) => Effect.promise(() => session.release())
      )
      const texts = [
        "Short.",
        "Home\nAbout\nContact",
        "In 1969 Neil Armstrong and Buzz Aldrin landed on the Moon while Michael Collins orbited above them.",
        "1 2 3 4 5 6 7 8 9 10 11 12"
      ]
      const data = new Float32Array(texts.length * FEATURE_NAMES.length)
      texts.forEach((text, i) => data.set(passageFeatures(text, english), i * FEATURE_NAMES.length))
      const outputs = yield* Effect.promise(() =>
        session.run({ features: new ort.Tensor("float32", data, [texts.length, FEATURE_NAMES.length]) })
      )
      assert.deepStrictEqual(outputs.score.dims, [texts.length, 1])
      Array.from(outputs.score.data as Float32Array).forEach((score, i) =>
        assert.approximately(score, heuristicScore(texts[i]), 1e-5, texts[i])
      )
    }).pipe(Effect.provide(NodeServices.layer)))
})
