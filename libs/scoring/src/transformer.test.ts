import { NodeServices } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { onTestFinished } from "vitest"
import { Effect, Exit, Layer } from "effect"
import { createHash } from "node:crypto"
import { readFileSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { type TinyHead, writeTinyTransformer } from "#testing"
import type { Writing } from "#text"
import { ScorerModelError, ScorerRunError } from "./errors.ts"
import { headScores } from "./heads.ts"
import type { OutputHead } from "./manifest.ts"
import { Scorer } from "./Scorer.ts"

const english: Writing = { words: "space", locale: "en" }
const passages = ["Paris is in France", "buy now", "xyz"]
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x))

// By hand from the fixture's embeddings: [CLS] paris is in france [SEP] pools to (2.5, 0.5), [CLS] buy now [SEP] to
// (-1.5, 0.5), [CLS] [UNK] [SEP] to (0.5, -0.5); the one-logit heads read x + y/2, softmax's logits are (0, x).
const oneLogit = [2.75, -1.25, 0.25]
const positiveLogit = [2.5, -1.5, 0.5]

/** The tiny transformer in a temp folder removed when the test ends. */
const tinyTransformer = (output: TinyHead, maxLength?: number) => {
  const model = writeTinyTransformer(output, maxLength)
  onTestFinished(() => rmSync(dirname(model), { recursive: true, force: true }))
  return model
}

const scoreWith = (modelPath: string, texts: ReadonlyArray<string>, batchSize = 2) =>
  Effect.gen(function*() {
    const scorer = yield* Scorer
    return yield* scorer.score(texts, english)
  }).pipe(
    Effect.provide(
      Scorer.layer({ modelPath, executionProviders: ["cpu"], intraOpThreads: 1, batchSize }).pipe(
        Layer.provide(NodeServices.layer)
      )
    )
  )

const assertClose = (actual: ReadonlyArray<number>, expected: ReadonlyArray<number>) => {
  assert.strictEqual(actual.length, expected.length)
  actual.forEach((value, index) => assert.closeTo(value, expected[index], 1e-6, `passage ${index}`))
}

const failure = (exit: Exit.Exit<unknown, unknown>) => {
  assert.isTrue(Exit.isFailure(exit))
  const reason = Exit.isFailure(exit) ? exit.cause.reasons.find((r) => r._tag === "Fail") : undefined
  assert.isTrue(reason !== undefined && reason._tag === "Fail")
  return (reason as { error: unknown }).error
}

const modelError = (exit: Exit.Exit<unknown, unknown>) => {
  const error = failure(exit)
  assert.instanceOf(error, ScorerModelError)
  return error as ScorerModelError
}

describe("Scorer on a transformer", () => {
  it.effect("a regression head gives the pooled logit as is, masking the padding of shorter passages", () =>
    Effect.gen(function*() {
      const { scores, truncated } = yield* scoreWith(tinyTransformer({ name: "logits", head: "regression" }), passages, 3)
      assertClose(scores, oneLogit)
      assert.deepStrictEqual(truncated, [0, 0, 0])
    }))

  it.effect("a sigmoid head squashes the logit", () =>
    Effect.gen(function*() {
      const { scores } = yield* scoreWith(tinyTransformer({ name: "logits", head: "sigmoid" }), passages)
      assertClose(scores, oneLogit.map(sigmoid))
    }))

  it.effect("a softmax head gives the positive class's probability", () =>
    Effect.gen(function*() {
      const positive = yield* scoreWith(tinyTransformer({ name: "logits", head: "softmax", positive: 1 }), passages)
      const negative = yield* scoreWith(tinyTransformer({ name: "logits", head: "softmax", positive: 0 }), passages)
      // softmax(0, x)[1] = 1 / (1 + e^-x)
      assertClose(positive.scores, positiveLogit.map(sigmoid))
      assertClose(negative.scores, positiveLogit.map((x) => 1 - sigmoid(x)))
    }))

  it.effect("cuts passages to maxLength keeping the closing [SEP], and counts the cut tokens per passage", () =>
    Effect.gen(function*() {
      const model = tinyTransformer({ name: "logits", head: "regression" }, 4)
      const { scores, truncated } = yield* scoreWith(model, passages)
      // "Paris is in France" keeps [CLS] paris is [SEP]: (1.5, 0.5), so 1.75; the others fit in 4 tokens.
      assertClose(scores, [1.75, -1.25, 0.25])
      assert.deepStrictEqual(truncated, [2, 0, 0])
    }))

  it.effect("fails with a ScorerRunError when the output does not have the positive class", () =>
    Effect.gen(function*() {
      const model = tinyTransformer({ name: "logits", head: "softmax", positive: 2 })
      const error = failure(yield* Effect.exit(scoreWith(model, passages)))
      assert.instanceOf(error, ScorerRunError)
      assert.include((error as ScorerRunError).message, "2 classes per passage, but the positive class is 2")
    }))

  it.effect("fails with one ScorerModelError naming a missing tokenizer.json", () =>
    Effect.gen(function*() {
      const model = tinyTransformer({ name: "logits", head: "regression" })
      const tokenizer = join(dirname(model), "tokenizer.json")
      rmSync(tokenizer)
      const error = modelError(yield* Effect.exit(scoreWith(model, passages)))
      assert.strictEqual(error.path, tokenizer)
      assert.include(error.message, `cannot read the tokenizer ${tokenizer}`)
    }))

  it.effect("fails with one ScorerModelError naming a tokenizer.json that is not JSON or not a tokenizer", () =>
    Effect.gen(function*() {
      const garbled = tinyTransformer({ name: "logits", head: "regression" })
      const garbledTokenizer = join(dirname(garbled), "tokenizer.json")
      writeFileSync(garbledTokenizer, "{\"model\": {\"type\": \"WordPie")
      const notJson = modelError(yield* Effect.exit(scoreWith(garbled, passages)))
      assert.include(notJson.message, `the tokenizer ${garbledTokenizer} is not JSON`)

      const unknown = tinyTransformer({ name: "logits", head: "regression" })
      const unknownTokenizer = join(dirname(unknown), "tokenizer.json")
      writeFileSync(unknownTokenizer, JSON.stringify({ model: { type: "NoSuchModel" } }))
      const notTokenizer = modelError(yield* Effect.exit(scoreWith(unknown, passages)))
      assert.include(notTokenizer.message, `the tokenizer ${unknownTokenizer} cannot be loaded`)
    }))

  it.effect("fails with one ScorerModelError naming a corrupt model whose digest matches, or a missing one", () =>
    Effect.gen(function*() {
      const model = tinyTransformer({ name: "logits", head: "regression" })
      const garbage = new TextEncoder().encode("not an onnx model")
      writeFileSync(model, garbage)
      const manifestFile = join(dirname(model), "model.json")
      const manifest = JSON.parse(readFileSync(manifestFile, "utf8"))
      writeFileSync(manifestFile, JSON.stringify({ ...manifest, sha256: createHash("sha256").update(garbage).digest("hex") }))
      const corrupt = modelError(yield* Effect.exit(scoreWith(model, passages)))
      assert.include(corrupt.message, `cannot load the scorer model ${model}`)

      rmSync(model)
      const missing = modelError(yield* Effect.exit(scoreWith(model, passages)))
      assert.strictEqual(missing.message, `scorer model not found: ${model}`)
    }))
})

describe("headScores", () => {
  const logits = new Float32Array([1, 3, 0, 0])
  const cases: ReadonlyArray<[OutputHead, ReadonlyArray<number>]> = [
    [{ name: "logits", head: "softmax", positive: 1 }, [Math.exp(3) / (Math.exp(1) + Math.exp(3)), 0.5]],
    [{ name: "logits", head: "sigmoid" }, [sigmoid(1), sigmoid(3), 0.5, 0.5]]
  ]
  it("turns [rows, classes] logits into one score a row", () => {
    assertClose(headScores(cases[0][0], logits, 2) as ReadonlyArray<number>, cases[0][1])
    assertClose(headScores(cases[1][0], logits, 4) as ReadonlyArray<number>, cases[1][1])
  })

  it("says why an output does not fit its head", () => {
    assert.strictEqual(headScores({ name: "logits", head: "regression" }, logits, 2), "2 values per passage, but a regression head has one")
    assert.strictEqual(headScores({ name: "logits", head: "sigmoid" }, logits, 3), "4 values for 3 passages")
  })
})
