import { Schema } from "effect"

/**
 * How texts become the model's input tensors. "hashed-ngrams": `ngramFeatures` with the manifest's settings, a dense
 * float32 [batch, dimensions] tensor (the trained default). "passage-features": `passageFeatures`, a float32
 * [batch, F] tensor. "tokenizer": a Hugging Face `tokenizer.json` gives int64 `input_ids` and `attention_mask`
 * [batch, tokens].
 */
export const InputPreparation = Schema.Literals(["hashed-ngrams", "passage-features", "tokenizer"])
export type InputPreparation = typeof InputPreparation.Type

const Dimension = Schema.Union([Schema.NonEmptyString, Schema.Int])

const TensorSpec = Schema.Struct({
  name: Schema.NonEmptyString,
  shape: Schema.Array(Dimension)
})

const Identity = {
  model: Schema.NonEmptyString,
  version: Schema.Int,
  /** The .onnx file's name, in the manifest's folder. */
  file: Schema.NonEmptyString,
  sha256: Schema.String.check(Schema.isPattern(/^[0-9a-f]{64}$/))
}

const Positive = Schema.Int.check(Schema.isGreaterThan(0))

/** Which character n-grams `ngramFeatures` counts, and into how many buckets (see `NgramSpec`). */
export const NgramSettings = Schema.Struct({ dimensions: Positive, minN: Positive, maxN: Positive }).check(
  Schema.makeFilter((spec) => spec.minN <= spec.maxN || `minN ${spec.minN} is above maxN ${spec.maxN}`)
)

const OnnxFile = {
  bytes: Schema.Int,
  irVersion: Schema.Int,
  opsetVersion: Schema.Int
}

/**
 * `scorer.json` of a model `train-scorer` writes: fed `ngramFeatures` with `ngrams` as a float32 [batch, dimensions]
 * tensor, its output [batch, 1] the probability that the passage is useful.
 */
export const NgramManifest = Schema.Struct({
  ...Identity,
  ...OnnxFile,
  preparation: Schema.Literal("hashed-ngrams"),
  ngrams: NgramSettings,
  input: TensorSpec,
  output: TensorSpec
})
export type NgramManifest = typeof NgramManifest.Type

/** `scorer.json` of a model fed `passageFeatures`, whose output is the score. */
export const FeatureManifest = Schema.Struct({
  ...Identity,
  ...OnnxFile,
  preparation: Schema.Literal("passage-features"),
  input: TensorSpec,
  output: TensorSpec,
  /** The feature names in tensor order. */
  features: Schema.Array(Schema.String)
})
export type FeatureManifest = typeof FeatureManifest.Type

const OutputName = { name: Schema.NonEmptyString }

/**
 * A transformer's output tensor, [batch, classes], and how a row becomes one score: "regression" takes its single
 * value as is, "sigmoid" squashes its single logit, "softmax" takes the probability of class `positive`.
 */
export const OutputHead = Schema.Union([
  Schema.Struct({ ...OutputName, head: Schema.Literal("regression") }),
  Schema.Struct({ ...OutputName, head: Schema.Literal("sigmoid") }),
  Schema.Struct({
    ...OutputName,
    head: Schema.Literal("softmax"),
    positive: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))
  })
])
export type OutputHead = typeof OutputHead.Type

/**
 * The manifest beside a transformer exported to ONNX (e.g. by `optimum-cli export onnx`): inputs `input_ids` and
 * `attention_mask`, int64 [batch, tokens], from the `tokenizer.json` in the same folder.
 */
export const TransformerManifest = Schema.Struct({
  ...Identity,
  preparation: Schema.Literal("tokenizer"),
  tokenizer: Schema.Struct({
    /** The `tokenizer.json` file's name, in the manifest's folder. */
    file: Schema.NonEmptyString,
    /** Tokens per passage, special tokens included; longer passages are cut, and the cut is counted. */
    maxLength: Schema.Int.check(Schema.isGreaterThan(2)),
    /** The id that pads the shorter passages of a batch (masked out by `attention_mask`). */
    padId: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))
  }),
  output: OutputHead
})
export type TransformerManifest = typeof TransformerManifest.Type

/** A scorer model's manifest, by how texts are fed to it. */
export const ScorerManifest = Schema.Union([NgramManifest, FeatureManifest, TransformerManifest])
export type ScorerManifest = typeof ScorerManifest.Type

/** The manifest's path for a model path: `scorer.onnx` -> `scorer.json` in the same folder. */
export const manifestPath = (modelPath: string): string => modelPath.replace(/(\.onnx)?$/, ".json")
