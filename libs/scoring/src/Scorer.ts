import { Array as Arr, Context, Effect, FileSystem, Layer, Schema } from "effect"
import * as ort from "onnxruntime-node"
import type { Writing } from "#text"
import { modelDigest } from "./digest.ts"
import { ScorerModelError, ScorerRunError } from "./errors.ts"
import { manifestPath, ScorerManifest } from "./manifest.ts"
import { inputPreparation } from "./preparation.ts"

/** Where onnxruntime runs the model; "cuda" needs an onnxruntime-node build with the CUDA provider. */
export const ExecutionProvider = Schema.Literals(["cpu", "cuda"])
export type ExecutionProvider = typeof ExecutionProvider.Type

/** How the score stage runs its scorer (decode configuration with this schema). */
export const ScorerOptions = Schema.Struct({
  /** The .onnx model; its manifest is the .json file of the same name beside it. */
  modelPath: Schema.NonEmptyString,
  /** In order of preference, e.g. ["cuda", "cpu"]. */
  executionProviders: Schema.Array(ExecutionProvider).check(Schema.isMinLength(1)),
  /** onnxruntime's intra-op threads; 0 lets onnxruntime choose. */
  intraOpThreads: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
  /** Passages per `session.run`. */
  batchSize: Schema.Int.check(Schema.isGreaterThan(0))
})
export type ScorerOptions = typeof ScorerOptions.Type

const readManifest = Effect.fnUntraced(function*(fs: FileSystem.FileSystem, modelPath: string) {
  const file = manifestPath(modelPath)
  const text = yield* fs.readFileString(file).pipe(
    Effect.mapError((cause) =>
      new ScorerModelError({
        path: file,
        message: `cannot read the manifest ${file} of the scorer model ${modelPath}: ${cause.message}`,
        cause
      })
    )
  )
  const manifest = yield* Schema.decodeUnknownEffect(Schema.fromJsonString(ScorerManifest))(text).pipe(
    Effect.mapError((cause) =>
      new ScorerModelError({ path: file, message: `invalid scorer manifest ${file}: ${cause.message}`, cause })
    )
  )
  return { file, manifest }
})

const make = Effect.fnUntraced(function*(options: ScorerOptions) {
  const { modelPath, batchSize } = yield* Schema.decodeUnknownEffect(ScorerOptions)(options).pipe(Effect.orDie)
  const fs = yield* FileSystem.FileSystem
  const exists = yield* fs.exists(modelPath).pipe(Effect.orElseSucceed(() => false))
  if (!exists) {
    return yield* new ScorerModelError({ path: modelPath, message: `scorer model not found: ${modelPath}` })
  }
  const { file, manifest } = yield* readManifest(fs, modelPath)
  const digest = yield* modelDigest(modelPath)
  if (digest !== manifest.sha256) {
    return yield* new ScorerModelError({
      path: modelPath,
      message: `scorer model ${modelPath} has sha256 ${digest} but its manifest ${file} says ${manifest.sha256}`
    })
  }
  const feeds = yield* inputPreparation(manifest, file)
  const providers = options.executionProviders.join(", ")
  const session = yield* Effect.acquireRelease(
    Effect.tryPromise({
      try: () =>
        ort.InferenceSession.create(modelPath, {
          executionProviders: [...options.executionProviders],
          intraOpNumThreads: options.intraOpThreads
        }),
      catch: (cause) =>
        new ScorerModelError({
          path: modelPath,
          message: `cannot load the scorer model ${modelPath} with execution providers [${providers}]: ${cause}`,
          cause
        })
    }),
    (session) => Effect.promise(() => session.release())
  )

  const runBatch = (texts: ReadonlyArray<string>, writing: Writing, first: number) =>
    Effect.tryPromise({
      try: () => session.run(feeds(texts, writing)),
      catch: (cause) =>
        new ScorerRunError({
          path: modelPath,
          message: `scorer model ${modelPath} failed on passages ${first}..${first + texts.length - 1}: ${cause}`,
          cause
        })
    }).pipe(
      Effect.flatMap((outputs) => {
        const scores = outputs[manifest.output.name]?.data
        return scores instanceof Float32Array && scores.length === texts.length
          ? Effect.succeed(Array.from(scores))
          : Effect.fail(
            new ScorerRunError({
              path: modelPath,
              message: `scorer model ${modelPath} did not return one float32 "${manifest.output.name}" per passage ` +
                `for passages ${first}..${first + texts.length - 1}`
            })
          )
      })
    )

  const score = Effect.fn("Scorer.score")(function*(texts: ReadonlyArray<string>, writing: Writing) {
    const batches = yield* Effect.forEach(
      Arr.chunksOf(texts, batchSize),
      (batch, index) => runBatch(batch, writing, index * batchSize)
    )
    return batches.flat()
  })

  return Scorer.of({ manifest, digest, score })
})

/** Predicts, for each passage, how useful it is for NER, with one onnxruntime session held for the layer's life. */
export class Scorer extends Context.Service<Scorer, {
  /** The model's manifest (`scorer.json`). */
  readonly manifest: ScorerManifest
  /** The sha256 of the .onnx file, for the lock file. */
  readonly digest: string
  /** One score per text, in order; the texts are in one language, written in `writing`. */
  readonly score: (
    texts: ReadonlyArray<string>,
    writing: Writing
  ) => Effect.Effect<ReadonlyArray<number>, ScorerRunError>
}>()("finerweb/scoring/Scorer") {
  static readonly layer = (
    options: ScorerOptions
  ): Layer.Layer<Scorer, ScorerModelError, FileSystem.FileSystem> => Layer.effect(Scorer, make(options))
}
