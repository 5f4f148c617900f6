import { Effect } from "effect"
import * as ort from "onnxruntime-node"
import type { Writing } from "#text"
import { ScorerModelError } from "./errors.ts"
import { FEATURE_NAMES, passageFeatures } from "./features.ts"
import type { ScorerManifest } from "./manifest.ts"

/** Turns a batch of passage texts, all written in `writing`, into the model's named input tensors. */
export type Feeds = (texts: ReadonlyArray<string>, writing: Writing) => Record<string, ort.Tensor>

const passageFeatureFeeds = (manifest: ScorerManifest, manifestFile: string) => {
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
  const feeds: Feeds = (texts, writing) => {
    const data = new Float32Array(texts.length * width)
    texts.forEach((text, row) => data.set(passageFeatures(text, writing), row * width))
    return { [manifest.input.name]: new ort.Tensor("float32", data, [texts.length, width]) }
  }
  return Effect.succeed(feeds)
}

/** Picks how texts are fed to the model from its manifest's `preparation`. */
export const inputPreparation = (
  manifest: ScorerManifest,
  manifestFile: string
): Effect.Effect<Feeds, ScorerModelError> => {
  switch (manifest.preparation) {
    case "passage-features":
      return passageFeatureFeeds(manifest, manifestFile)
  }
}
