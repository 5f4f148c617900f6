import { Array as Arr, Context, Effect, FileSystem, Layer, Schema } from "effect"
import * as ort from "onnxruntime-node"
import type { Writing } from "#text"
import { modelDigest } from "./digest.ts"
import { ScorerModelError, ScorerRunError } from "./errors.ts"
import { manifestPath, ScorerManifest } from "./manifest.ts"
import { inputPreparation } from "./preparation.ts"

/**
 * Where onnxruntime runs the model. "cuda" needs the CUDA provider libraries, which onnxruntime-node's install script
 * downloads (see the README's score section); without them a session on "cuda" fails and the next provider is tried.
 */
export const ExecutionProvider = Schema.Literals(["cpu", "cuda"])
export type ExecutionProvider = typeof ExecutionProvider.Type

const CUDA_HINT = "cuda needs onnxruntime-node's CUDA libraries: run `node node_modules/onnxruntime-node/script/install.js " +
  "--onnxruntime-node-install=cuda12` with network access (see the README's score section)"

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

/**
 * Opens the session on the first execution provider that loads, one at a time (onnxruntime-node fails outright on
 * ["cuda", "cpu"] when the CUDA libraries are missing rather than falling back), and says in one log line which
 * provider runs and why the ones before it did not. When none loads, the error names the model and every reason.
 */
const openSession = Effect.fnUntraced(function*(modelPath: string, model: string, options: ScorerOptions) {
  // onnxruntime's process-wide log (set before its first session) would print a missing CUDA library as two lines of
  // its own on stderr; every failure also comes back as an error, which the log line or ScorerModelError reports.
  ort.env.logLevel = "fatal"
  const failures: Array<string> = []
  for (const provider of options.executionProviders) {
    const opened = yield* Effect.exit(Effect.tryPromise({
      try: () =>
        ort.InferenceSession.create(modelPath, {
          executionProviders: [provider],
          intraOpNumThreads: options.intraOpThreads
        }),
      catch: (cause) => String(cause).replace(/\s+/g, " ")
    }))
    if (opened._tag === "Success") {
      yield* failures.length === 0
        // The model by name, not by path: a task's log lines are the same in every checkout (Nx replays them).
        ? Effect.logInfo(`scorer: ${model} runs on ${provider}`)
        : Effect.logWarning(`scorer: ${model} runs on ${provider}, falling back from ${failures.join("; ")}`)
      return { session: opened.value, provider }
    }
    const reason = opened.cause.reasons.find((r) => r._tag === "Fail")?.error ?? String(opened.cause)
    failures.push(`${provider} (${reason})`)
  }
  return yield* new ScorerModelError({
    path: modelPath,
    message: `cannot load the scorer model ${modelPath} with any of the execution providers: ${failures.join("; ")}` +
      (options.executionProviders.includes("cuda") ? `; ${CUDA_HINT}` : "")
  })
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
  const preparation = yield* inputPreparation(manifest, file)
  const { session, provider } = yield* Effect.acquireRelease(
    openSession(modelPath, `${manifest.model} v${manifest.version}`, options),
    ({ session }) => Effect.promise(() => session.release())
  )

  const runBatch = (texts: ReadonlyArray<string>, writing: Writing, first: number) => {
    const passages = `passages ${first}..${first + texts.length - 1}`
    return Effect.gen(function*() {
      const { inputs, truncated } = yield* Effect.try({
        try: () => preparation.feed(texts, writing),
        catch: (cause) =>
          new ScorerRunError({ path: modelPath, message: `cannot prepare ${passages} for ${modelPath}: ${cause}`, cause })
      })
      const outputs = yield* Effect.tryPromise({
        try: () => session.run(inputs),
        catch: (cause) =>
          new ScorerRunError({ path: modelPath, message: `scorer model ${modelPath} failed on ${passages}: ${cause}`, cause })
      })
      const scores = preparation.read(outputs, texts.length)
      if (typeof scores === "string") {
        return yield* new ScorerRunError({ path: modelPath, message: `scorer model ${modelPath} ${scores} for ${passages}` })
      }
      return { scores, truncated }
    })
  }

  const score = Effect.fn("Scorer.score")(function*(texts: ReadonlyArray<string>, writing: Writing) {
    const batches = yield* Effect.forEach(
      Arr.chunksOf(texts, batchSize),
      (batch, index) => runBatch(batch, writing, index * batchSize)
    )
    return {
      scores: batches.flatMap((batch) => batch.scores),
      truncated: batches.flatMap((batch) => batch.truncated)
    }
  })

  return Scorer.of({ manifest, digest, provider, score })
})

/** The scores of texts in order, and per text how many of its tokens were cut to the model's length (0: none). */
export interface Scored {
  readonly scores: ReadonlyArray<number>
  readonly truncated: ReadonlyArray<number>
}

/** Predicts, for each passage, how useful it is for NER, with one onnxruntime session held for the layer's life. */
export class Scorer extends Context.Service<Scorer, {
  /** The model's manifest (`scorer.json`). */
  readonly manifest: ScorerManifest
  /** The sha256 of the .onnx file, for the lock file. */
  readonly digest: string
  /** The execution provider the session runs on: the first of the options' that loaded. */
  readonly provider: ExecutionProvider
  /** One score per text, in order; the texts are in one language, written in `writing`. */
  readonly score: (
    texts: ReadonlyArray<string>,
    writing: Writing
  ) => Effect.Effect<Scored, ScorerRunError>
}>()("finerweb/scoring/Scorer") {
  static readonly layer = (
    options: ScorerOptions
  ): Layer.Layer<Scorer, ScorerModelError, FileSystem.FileSystem> => Layer.effect(Scorer, make(options))
}
