import { NodeServices } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect, FileSystem } from "effect"
import * as ort from "onnxruntime-node"
import { densify, ngramFeatures } from "#scoring"
import { forward, forwardSparse } from "./mlp.ts"
import { networkModel } from "./network.ts"
import { seededRandom } from "./random.ts"
import { type Example, type TrainOptions, trainMlp } from "./train.ts"

const spec = { dimensions: 256, minN: 1, maxN: 3 }
const options: TrainOptions = {
  inputs: spec.dimensions,
  hidden: 8,
  epochs: 30,
  batchSize: 8,
  learningRate: 0.01,
  l2: 1e-5,
  seed: "test"
}
const meta = { name: "test", version: 1, producer: "train.test.ts", doc: "a test network", input: "features", output: "score" }

/**
 * Two kinds of text that share no word: place-like words (positive) and kitchen words (negative), six of them drawn
 * at random per text. Separable by construction.
 */
const places = ["nairobi", "berlin", "lagos", "oslo", "quito", "hanoi", "lima", "dakar"]
const kitchen = ["spoon", "kettle", "butter", "sugar", "whisk", "plate", "cup", "flour"]
const texts = (count: number, seed: string) => {
  const random = seededRandom(seed)
  return Array.from({ length: count }, (_, i) => {
    const y = (i % 2) as 0 | 1
    const words = y === 1 ? places : kitchen
    return { text: Array.from({ length: 6 }, () => words[Math.floor(random() * words.length)]).join(" "), y }
  })
}
const examples = (count: number, seed: string): Array<Example> =>
  texts(count, seed).map(({ text, y }) => ({ x: ngramFeatures(text, spec), y }))

describe("trainMlp", () => {
  it("learns a separable set: at least 95% of unseen examples on the right side of 0.5", () => {
    const { mlp, losses } = trainMlp(examples(200, "train"), options)
    const test = examples(100, "test")
    const correct = test.filter(({ x, y }) => (forwardSparse(mlp, x) > 0.5 ? 1 : 0) === y).length
    assert.isAtLeast(correct, 95)
    assert.isBelow(losses.at(-1)!, losses[0] / 2)
  })

  it("gives the same bytes for the same data and seed, and other weights for another seed", () => {
    const data = examples(60, "train")
    const first = networkModel(trainMlp(data, options).mlp, meta)
    const second = networkModel(trainMlp(data, options).mlp, meta)
    assert.deepStrictEqual(second, first)
    const other = networkModel(trainMlp(data, { ...options, seed: "other" }).mlp, meta)
    assert.notDeepEqual(other, first)
  })

  it.effect("writes an ONNX model that onnxruntime-node loads and that computes the plain forward pass", () =>
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const { mlp } = trainMlp(examples(60, "train"), options)
      const file = `${yield* fs.makeTempDirectoryScoped()}/network.onnx`
      yield* fs.writeFile(file, networkModel(mlp, meta))
      const session = yield* Effect.acquireRelease(
        Effect.promise(() => ort.InferenceSession.create(file, { executionProviders: ["cpu"] })),
        (session) => Effect.promise(() => session.release())
      )
      const batch = texts(12, "onnx").map(({ text }) => densify(ngramFeatures(text, spec), spec.dimensions))
      const data = new Float32Array(batch.length * spec.dimensions)
      batch.forEach((row, i) => data.set(row, i * spec.dimensions))
      const outputs = yield* Effect.promise(() =>
        session.run({ features: new ort.Tensor("float32", data, [batch.length, spec.dimensions]) })
      )
      assert.deepStrictEqual(outputs.score.dims, [batch.length, 1])
      const scores = Array.from(outputs.score.data as Float32Array)
      scores.forEach((score, i) => assert.approximately(score, forward(mlp, batch[i]), 1e-5))
      // Not a constant network: the two kinds of text get different scores.
      assert.isAbove(Math.max(...scores) - Math.min(...scores), 0.1)
    }).pipe(Effect.provide(NodeServices.layer)))
})
