import { Tokenizer } from "@huggingface/tokenizers"
import { Effect, FileSystem } from "effect"
import { dirname, join } from "node:path"
import * as ort from "onnxruntime-node"
import type { Writing } from "#text"
import { ScorerModelError } from "./errors.ts"
import { FEATURE_NAMES, passageFeatures } from "./features.ts"
import { headScores } from "./heads.ts"
import type { FeatureManifest, NgramManifest, ScorerManifest, TransformerManifest } from "./manifest.ts"
import { ngramFeatures } from "./ngrams.ts"

/** A batch of passages as the model's named input tensors, and how many tokens of each were cut to fit the model. */
export interface Fed {
  readonly inputs: Record<string, ort.Tensor>
  readonly truncated: ReadonlyArray<number>
}

/** How a model is fed and read: texts (all written in `writing`) to tensors, outputs to one score per text. */
export interface Preparation {
  readonly feed: (texts: ReadonlyArray<string>, writing: Writing) => Fed
  /** The scores of `rows` passages, or why the outputs do not hold them. */
  readonly read: (outputs: ort.InferenceSession.ReturnType, rows: number) => ReadonlyArray<number> | string
}

/** Reads a [rows, 1] float32 output as one score per passage. */
const scoreColumn = (name: string): Preparation["read"] => (outputs, rows) => {
  const scores = outputs[name]?.data
  return scores instanceof Float32Array && scores.length === rows
    ? Array.from(scores)
    : `did not return one float32 "${name}" per passage`
}

const ngramPreparation = (manifest: NgramManifest, manifestFile: string) => {
  const { dimensions } = manifest.ngrams
  if (manifest.input.shape.length !== 2 || manifest.input.shape[1] !== dimensions) {
    return Effect.fail(
      new ScorerModelError({
        path: manifestFile,
        message: `the scorer manifest ${manifestFile} hashes n-grams into ${dimensions} buckets but its input shape is ` +
          `[${manifest.input.shape.join(", ")}], not [batch, ${dimensions}]`
      })
    )
  }
  const preparation: Preparation = {
    // The n-grams are the same in every script, so the writing is not needed.
    feed: (texts) => {
      const data = new Float32Array(texts.length * dimensions)
      texts.forEach((text, row) => {
        const { indices, values } = ngramFeatures(text, manifest.ngrams)
        indices.forEach((index, k) => (data[row * dimensions + index] = values[k]))
      })
      return {
        inputs: { [manifest.input.name]: new ort.Tensor("float32", data, [texts.length, dimensions]) },
        truncated: texts.map(() => 0)
      }
    },
    read: scoreColumn(manifest.output.name)
  }
  return Effect.succeed(preparation)
}

const passageFeaturePreparation = (manifest: FeatureManifest, manifestFile: string) => {
  const width = FEATURE_NAMES.length
  const expected = FEATURE_NAMES.join(", ")
  if (manifest.features.join(", ") !== expected || manifest.input.shape.at(-1) !== width) {
    return Effect.fail(
      new ScorerModelError({
        path: manifestFile,
        message: `the scorer manifest ${manifestFile} expects features [${manifest.features.join(", ")}] ` +
          `(input shape [${manifest.input.shape.join(", ")}]) but passageFeatures computes [${expected}]`
      })
    )
  }
  const preparation: Preparation = {
    feed: (texts, writing) => {
      const data = new Float32Array(texts.length * width)
      texts.forEach((text, row) => data.set(passageFeatures(text, writing), row * width))
      return {
        inputs: { [manifest.input.name]: new ort.Tensor("float32", data, [texts.length, width]) },
        truncated: texts.map(() => 0)
      }
    },
    read: scoreColumn(manifest.output.name)
  }
  return Effect.succeed(preparation)
}

const readJson = Effect.fnUntraced(function*(fs: FileSystem.FileSystem, file: string, what: string) {
  const text = yield* fs.readFileString(file).pipe(
    Effect.mapError((cause) =>
      new ScorerModelError({ path: file, message: `cannot read the ${what} ${file}: ${cause.message}`, cause })
    )
  )
  return yield* Effect.try({
    try: () => JSON.parse(text) as object,
    catch: (cause) => new ScorerModelError({ path: file, message: `the ${what} ${file} is not JSON: ${cause}`, cause })
  })
})

// The package's .d.ts imports its own files without extensions, which node16 resolution leaves untyped.
const tokenIds = (tokenizer: Tokenizer, text: string, specials = true): ReadonlyArray<number> =>
  tokenizer.encode(text, { add_special_tokens: specials }).ids

/**
 * How many special tokens the tokenizer appends after a passage's own (XLM-R's `</s>`, BERT's `[SEP]`), found by
 * encoding one word with and without them, so that truncation cuts the passage and keeps them.
 */
const closingSpecials = (tokenizer: Tokenizer) => {
  const whole = tokenIds(tokenizer, "a")
  const own = tokenIds(tokenizer, "a", false)
  const start = whole.findIndex((_, at) => own.every((id, offset) => whole[at + offset] === id))
  return own.length === 0 || start < 0 ? 0 : whole.length - start - own.length
}

const tokenizerPreparation = Effect.fnUntraced(function*(manifest: TransformerManifest, manifestFile: string) {
  const fs = yield* FileSystem.FileSystem
  const folder = dirname(manifestFile)
  const file = join(folder, manifest.tokenizer.file)
  const json = yield* readJson(fs, file, "tokenizer")
  // tokenizer_config.json is optional; transformers' exports write it beside tokenizer.json.
  const configFile = join(folder, "tokenizer_config.json")
  const config = (yield* fs.exists(configFile).pipe(Effect.orElseSucceed(() => false)))
    ? yield* readJson(fs, configFile, "tokenizer configuration")
    : {}
  const { tokenizer, closing } = yield* Effect.try({
    try: () => {
      const tokenizer = new Tokenizer(json, config)
      return { tokenizer, closing: closingSpecials(tokenizer) }
    },
    catch: (cause) =>
      new ScorerModelError({ path: file, message: `the tokenizer ${file} cannot be loaded: ${cause}`, cause })
  })
  const { maxLength, padId } = manifest.tokenizer
  const pad = BigInt(padId)
  const preparation: Preparation = {
    feed: (texts) => {
      const encoded = texts.map((text) => tokenIds(tokenizer, text))
      const truncated = encoded.map((ids) => Math.max(0, ids.length - maxLength))
      const kept = encoded.map((ids) =>
        ids.length <= maxLength ? ids : [...ids.slice(0, maxLength - closing), ...ids.slice(ids.length - closing)]
      )
      const width = Math.max(1, ...kept.map((ids) => ids.length))
      const inputIds = new BigInt64Array(texts.length * width).fill(pad)
      const attentionMask = new BigInt64Array(texts.length * width)
      kept.forEach((ids, row) => {
        ids.forEach((id, column) => {
          inputIds[row * width + column] = BigInt(id)
          attentionMask[row * width + column] = 1n
        })
      })
      return {
        inputs: {
          input_ids: new ort.Tensor("int64", inputIds, [texts.length, width]),
          attention_mask: new ort.Tensor("int64", attentionMask, [texts.length, width])
        },
        truncated
      }
    },
    read: (outputs, rows) => {
      const data = outputs[manifest.output.name]?.data
      return data instanceof Float32Array
        ? headScores(manifest.output, data, rows)
        : `did not return a float32 "${manifest.output.name}"`
    }
  }
  return preparation
})

/** Picks how texts are fed to the model, and its outputs read, from its manifest's `preparation`. */
export const inputPreparation = (
  manifest: ScorerManifest,
  manifestFile: string
): Effect.Effect<Preparation, ScorerModelError, FileSystem.FileSystem> => {
  switch (manifest.preparation) {
    case "hashed-ngrams":
      return ngramPreparation(manifest, manifestFile)
    case "passage-features":
      return passageFeaturePreparation(manifest, manifestFile)
    case "tokenizer":
      return tokenizerPreparation(manifest, manifestFile)
  }
}
