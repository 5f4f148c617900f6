import { Schema } from "effect"

/**
 * How texts become the model's input tensor. "passage-features": `passageFeatures`, a float32 [batch, F] tensor.
 * A transformer regressor would add its own (e.g. a tokenizer producing input_ids and attention_mask).
 */
export const InputPreparation = Schema.Literals(["passage-features"])
export type InputPreparation = typeof InputPreparation.Type

const Dimension = Schema.Union([Schema.NonEmptyString, Schema.Int])

const TensorSpec = Schema.Struct({
  name: Schema.NonEmptyString,
  shape: Schema.Array(Dimension)
})

/** `scorer.json`, the manifest beside `scorer.onnx`: what the model is and how to feed it. */
export const ScorerManifest = Schema.Struct({
  model: Schema.NonEmptyString,
  version: Schema.Int,
  /** The .onnx file's name, in the manifest's folder. */
  file: Schema.NonEmptyString,
  sha256: Schema.String.check(Schema.isPattern(/^[0-9a-f]{64}$/)),
  bytes: Schema.Int,
  irVersion: Schema.Int,
  opsetVersion: Schema.Int,
  preparation: InputPreparation,
  input: TensorSpec,
  output: TensorSpec,
  /** The feature names in tensor order, when `preparation` is "passage-features". */
  features: Schema.Array(Schema.String)
})
export type ScorerManifest = typeof ScorerManifest.Type

/** The manifest's path for a model path: `scorer.onnx` -> `scorer.json` in the same folder. */
export const manifestPath = (modelPath: string): string => modelPath.replace(/(\.onnx)?$/, ".json")
