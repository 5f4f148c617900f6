import { NodeServices } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, FileSystem, Layer, Logger, Path, References } from "effect"
import { createHash } from "node:crypto"
import { rmSync } from "node:fs"
import { dirname } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll } from "vitest"
import { BIAS, HEURISTIC_MODEL, HINGES, writeHeuristicScorer } from "#testing"
import { modelDigest } from "./digest.ts"
import { ScorerModelError } from "./errors.ts"
import { FEATURE_NAMES, passageFeatures } from "./features.ts"
import { Scorer } from "./Scorer.ts"
import type { ScorerOptions } from "./Scorer.ts"
import type { Writing } from "#text"
import { junk, junkWritings, prose, proseWritings } from "./samples.fixture.ts"

/**
 * The hand-weighted fixture (a "passage-features" model whose scores a test can state), not the trained default, whose
 * scores change with each retrain: `libs/training` checks that one through the Scorer against its own forward pass.
 */
const modelPath = writeHeuristicScorer()
afterAll(() => rmSync(dirname(modelPath), { recursive: true, force: true }))
const defaultModel = fileURLToPath(new URL("../model/scorer.onnx", import.meta.url))
const options: ScorerOptions = { modelPath, executionProviders: ["cpu"], intraOpThreads: 1, batchSize: 4 }

const english: Writing = { words: "space", locale: "en" }

const scoreWith = (opts: ScorerOptions, texts: ReadonlyArray<string>, writing: Writing = english) =>
  Effect.gen(function*() {
    const scorer = yield* Scorer
    return (yield* scorer.score(texts, writing)).scores
  }).pipe(Effect.provide(Scorer.layer(opts).pipe(Layer.provide(NodeServices.layer))))

/** Each sample scored alone, in its own language's writing. */
const scoreEach = <K extends string>(samples: Record<K, string>, writings: Record<K, Writing>) =>
  Effect.forEach(Object.keys(samples) as Array<K>, (key) =>
    Effect.map(scoreWith(options, [samples[key]], writings[key]), ([score]) => [key, score] as const))

/** Builds the layer against a copy of a model (the fixture by default) in a temp folder, after `edit` changes the copy. */
const loadEdited = (
  edit: (fs: FileSystem.FileSystem, onnx: string, json: string) => Effect.Effect<void, unknown>,
  source = modelPath
) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    const folder = yield* fs.makeTempDirectoryScoped()
    const onnx = path.join(folder, "scorer.onnx")
    const json = path.join(folder, "scorer.json")
    yield* fs.copyFile(source, onnx)
    yield* fs.copyFile(source.replace(/\.onnx$/, ".json"), json)
    yield* edit(fs, onnx, json).pipe(Effect.orDie)
    const exit = yield* Effect.exit(scoreWith({ ...options, modelPath: onnx }, ["text"]))
    return { exit, onnx, json }
  }).pipe(Effect.provide(NodeServices.layer))

/** An edit of the copy that rewrites its manifest with `change`. */
const editManifest = (change: (manifest: Record<string, any>) => object) =>
(fs: FileSystem.FileSystem, _: string, json: string) =>
  Effect.gen(function*() {
    yield* fs.writeFileString(json, JSON.stringify(change(JSON.parse(yield* fs.readFileString(json)))))
  })

const modelError = (exit: Exit.Exit<unknown, unknown>): ScorerModelError => {
  assert.isTrue(Exit.isFailure(exit))
  const error = Exit.isFailure(exit) ? exit.cause.reasons.find((r) => r._tag === "Fail") : undefined
  assert.isTrue(error !== undefined && error._tag === "Fail" && error.error instanceof ScorerModelError)
  return (error as { error: ScorerModelError }).error
}

describe("Scorer", () => {
  it.effect("scores clean prose above 0.5 in many scripts", () =>
    Effect.gen(function*() {
      const scores = yield* scoreEach(prose, proseWritings)
      for (const [language, score] of scores) assert.isAbove(score, 0.5, language)
      assert.strictEqual(scores.length, Object.keys(prose).length)
    }))

  it.effect("scores menus, number lists, tables, symbols, repetition and fragments below 0.5", () =>
    Effect.gen(function*() {
      const scores = yield* scoreEach(junk, junkWritings)
      for (const [kind, score] of scores) assert.isBelow(score, 0.5, kind)
    }))

  it.effect("cuts words by the writing it is given", () =>
    Effect.gen(function*() {
      // On spaces the Thai sample is a few very long words, a fragment; cut by the segmenter it is prose.
      const [segmented] = yield* scoreWith(options, [prose.tha_Thai], proseWritings.tha_Thai)
      const [spaced] = yield* scoreWith(options, [prose.tha_Thai], { words: "space", locale: "th" })
      assert.isAbove(segmented, 0.5)
      assert.isBelow(spaced, 0.5)
    }))

  it.effect("gives the same scores in batches as one by one, in input order", () =>
    Effect.gen(function*() {
      const texts = [...Object.values(prose), ...Object.values(junk)]
      const batched = yield* scoreWith({ ...options, batchSize: 3 }, texts)
      const single = yield* scoreWith({ ...options, batchSize: 1 }, texts)
      const whole = yield* scoreWith({ ...options, batchSize: 64 }, texts)
      assert.deepStrictEqual(batched, single)
      assert.deepStrictEqual(whole, single)
      assert.strictEqual(single.length, texts.length)
    }))

  it.effect("returns no scores for no passages", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* scoreWith(options, []), [])
    }))

  it.effect("the fixture computes its documented hinges: sigmoid(bias + sum of weight x relu(+-(feature - knot)))", () =>
    Effect.gen(function*() {
      const texts = [...Object.values(prose), ...Object.values(junk)]
      const scores = yield* scoreWith(options, texts)
      scores.forEach((score, i) => {
        const x = passageFeatures(texts[i], english)
        const logit = HINGES.reduce((sum, h) => {
          const value = x[FEATURE_NAMES.indexOf(h.feature as typeof FEATURE_NAMES[number])]
          return sum + h.weight * Math.max(0, h.side === "above" ? value - h.knot : h.knot - value)
        }, BIAS)
        assert.approximately(score, 1 / (1 + Math.exp(-logit)), 1e-5, texts[i])
      })
    }))

  it.effect("loads the committed default, a hashed-ngrams model whose manifest matches its bytes", () =>
    Effect.gen(function*() {
      const scorer = yield* Scorer
      assert.strictEqual(scorer.manifest.preparation, "hashed-ngrams")
      if (scorer.manifest.preparation !== "hashed-ngrams") return
      const bytes = yield* (yield* FileSystem.FileSystem).readFile(defaultModel)
      assert.strictEqual(scorer.digest, createHash("sha256").update(bytes).digest("hex"))
      assert.strictEqual(scorer.manifest.bytes, bytes.length)
      assert.deepStrictEqual(scorer.manifest.input.shape, ["batch", scorer.manifest.ngrams.dimensions])
      const { scores } = yield* scorer.score([prose.eng_Latn, junk.menu], english)
      // A probability (float32 sigmoid may round to 0 or 1 at either end).
      for (const score of scores) assert.isTrue(score >= 0 && score <= 1, String(score))
    }).pipe(Effect.provide(Scorer.layer({ ...options, modelPath: defaultModel }).pipe(Layer.provideMerge(NodeServices.layer)))))

  it.effect("fails with a ScorerModelError when a hashed-ngrams manifest's input width is not its buckets", () =>
    Effect.gen(function*() {
      const { exit, json } = yield* loadEdited(
        editManifest((manifest) => ({ ...manifest, ngrams: { ...manifest.ngrams, dimensions: 100 } })),
        defaultModel
      )
      const error = modelError(exit)
      assert.include(error.message, json)
      assert.include(error.message, "hashes n-grams into 100 buckets")
    }))

  it.effect("fails with a ScorerModelError when a hashed-ngrams manifest's n-gram lengths are reversed", () =>
    Effect.gen(function*() {
      const { exit, json } = yield* loadEdited(
        editManifest((manifest) => ({ ...manifest, ngrams: { ...manifest.ngrams, minN: 4, maxN: 2 } })),
        defaultModel
      )
      const error = modelError(exit)
      assert.include(error.message, `invalid scorer manifest ${json}`)
      assert.include(error.message, "minN 4 is above maxN 2")
    }))

  it.effect("exposes the manifest, whose sha256 and size match the model", () =>
    Effect.gen(function*() {
      const scorer = yield* Scorer
      assert.strictEqual(scorer.manifest.preparation, "passage-features")
      if (scorer.manifest.preparation !== "passage-features") return
      const fs = yield* FileSystem.FileSystem
      const bytes = yield* fs.readFile(modelPath)
      const digest = yield* modelDigest(modelPath)
      assert.strictEqual(digest, createHash("sha256").update(bytes).digest("hex"))
      assert.strictEqual(scorer.digest, digest)
      assert.strictEqual(scorer.manifest.sha256, digest)
      assert.strictEqual(scorer.manifest.bytes, bytes.length)
    }).pipe(Effect.provide(Scorer.layer(options).pipe(Layer.provideMerge(NodeServices.layer)))))

  it.effect("falls back from cuda to cpu when the CUDA libraries are missing, and says so in one log line", () =>
    Effect.gen(function*() {
      const lines: Array<string> = []
      const logger = Logger.make((entry) => {
        lines.push(Logger.formatSimple.log(entry))
      })
      const provider = yield* Effect.map(Effect.service(Scorer), (scorer) => scorer.provider).pipe(
        Effect.provide(Scorer.layer({ ...options, executionProviders: ["cuda", "cpu"] }).pipe(Layer.provide(NodeServices.layer))),
        Effect.provide(Logger.layer([logger])),
        Effect.provideService(References.MinimumLogLevel, "Debug")
      )
      assert.strictEqual(provider, "cpu")
      const said = lines.filter((line) => line.includes("scorer:"))
      assert.strictEqual(said.length, 1)
      assert.include(said[0], `scorer: ${HEURISTIC_MODEL} v1 runs on cpu, falling back from cuda (`)
      assert.include(said[0], "level=WARN")
    }))

  it.effect("fails with one ScorerModelError naming the model, each provider's reason and how to install CUDA", () =>
    Effect.gen(function*() {
      const error = modelError(yield* Effect.exit(scoreWith({ ...options, executionProviders: ["cuda"] }, ["text"])))
      assert.include(error.message, `cannot load the scorer model ${modelPath} with any of the execution providers: cuda (`)
      assert.include(error.message, "--onnxruntime-node-install=cuda12")
    }))

  it.effect("fails with a ScorerModelError naming a missing model", () =>
    Effect.gen(function*() {
      const missing = "/nonexistent/models/scorer.onnx"
      const error = modelError(yield* Effect.exit(scoreWith({ ...options, modelPath: missing }, ["text"])))
      assert.include(error.message, missing)
      assert.strictEqual(error.path, missing)
    }))

  it.effect("fails with a ScorerModelError when the manifest is missing", () =>
    Effect.gen(function*() {
      const { exit, json } = yield* loadEdited((fs, _, json) => fs.remove(json))
      assert.include(modelError(exit).message, json)
    }))

  it.effect("fails with a ScorerModelError when the model does not match its manifest's digest", () =>
    Effect.gen(function*() {
      const { exit, onnx } = yield* loadEdited((fs, onnx) => fs.writeFile(onnx, new Uint8Array([1, 2, 3])))
      const error = modelError(exit)
      assert.include(error.message, onnx)
      assert.include(error.message, "sha256")
    }))

  it.effect("fails with a ScorerModelError when a model with a matching digest is not valid ONNX", () =>
    Effect.gen(function*() {
      const { exit, onnx } = yield* loadEdited((fs, onnx, json) =>
        Effect.gen(function*() {
          const garbage = new TextEncoder().encode("not an onnx model")
          yield* fs.writeFile(onnx, garbage)
          const manifest = JSON.parse(yield* fs.readFileString(json))
          const digest = yield* modelDigest(onnx).pipe(Effect.provideService(FileSystem.FileSystem, fs))
          yield* fs.writeFileString(json, JSON.stringify({ ...manifest, sha256: digest }))
        })
      )
      const error = modelError(exit)
      assert.include(error.message, onnx)
      assert.include(error.message, "cannot load")
    }))

  it.effect("fails with a ScorerModelError when the manifest lists other features", () =>
    Effect.gen(function*() {
      const { exit, json } = yield* loadEdited(editManifest((manifest) => ({ ...manifest, features: [...manifest.features].reverse() })))
      const error = modelError(exit)
      assert.include(error.message, json)
      assert.include(error.message, "passageFeatures")
    }))
})
