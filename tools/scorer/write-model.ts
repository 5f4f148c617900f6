import { NodeRuntime, NodeServices } from "@effect/platform-node"
import { Console, Effect, FileSystem, Path } from "effect"
import { Argument, Command } from "effect/cli"
import { sha256 } from "#files"
import { FEATURE_NAMES } from "#scoring"
import type { FeatureManifest } from "#scoring"
import { installedRoot } from "#workspace"
import { modelCard } from "./card.ts"
import { INPUT_NAME, IR_VERSION, MODEL_NAME, MODEL_VERSION, OPSET_VERSION, OUTPUT_NAME, scorerModel } from "./model.ts"

/** Where the committed model lives. */
export const DEFAULT_MODEL_FOLDER = `${installedRoot}/libs/scoring/model`

/** The manifest describing the given model bytes. */
export const scorerManifest = (model: Uint8Array): FeatureManifest => ({
  model: MODEL_NAME,
  version: MODEL_VERSION,
  file: "scorer.onnx",
  sha256: sha256(model),
  bytes: model.length,
  irVersion: IR_VERSION,
  opsetVersion: OPSET_VERSION,
  preparation: "passage-features",
  input: { name: INPUT_NAME, shape: ["batch", FEATURE_NAMES.length] },
  output: { name: OUTPUT_NAME, shape: ["batch", 1] },
  features: [...FEATURE_NAMES]
})

/** Writes scorer.onnx, scorer.json and README.md into `folder`, creating it when missing. */
export const writeModel = Effect.fn("writeModel")(function*(folder: string) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const model = scorerModel()
  const manifest = scorerManifest(model)
  yield* fs.makeDirectory(folder, { recursive: true })
  yield* fs.writeFile(path.join(folder, manifest.file), model)
  yield* fs.writeFileString(path.join(folder, "scorer.json"), `${JSON.stringify(manifest, null, 2)}\n`)
  yield* fs.writeFileString(path.join(folder, "README.md"), modelCard(manifest))
  return manifest
})

const command = Command.make(
  "write-model",
  {
    folder: Argument.String("folder").pipe(
      Argument.withDescription("where to write scorer.onnx, scorer.json and README.md"),
      Argument.withDefault(DEFAULT_MODEL_FOLDER)
    )
  },
  Effect.fn(function*({ folder }) {
    const manifest = yield* writeModel(folder)
    yield* Console.log(`wrote ${folder}/${manifest.file} (${manifest.bytes} bytes, sha256 ${manifest.sha256})`)
  })
).pipe(Command.withDescription("Write the hand-weighted stand-in passage scorer as ONNX"))

if (import.meta.main) {
  Command.run(command, { version: String(MODEL_VERSION) }).pipe(Effect.provide(NodeServices.layer), NodeRuntime.runMain)
}
