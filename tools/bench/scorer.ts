/**
 * Scorer throughput: our Scorer service against a bare onnxruntime-node session fed the same features in the
 * same batches, side by side in one process, on passages cut from the embedded corpus of every language.
 *
 *   npx node tools/bench/scorer.ts [passages=5000] [rounds=5]
 */
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Effect } from "effect"
import * as ort from "onnxruntime-node"
import { installedRoot as workspaceRoot } from "#workspace"
import { readUdhr, udhrCodes } from "#corpus"
import { FEATURE_NAMES, passageFeatures, Scorer } from "#scoring"

const count = Number(process.argv[2] ?? 5000)
const rounds = Number(process.argv[3] ?? 5)
const batchSize = 64
const modelPath = `${workspaceRoot}/libs/scoring/model/scorer.onnx`

const program = Effect.gen(function*() {
  const texts: Array<string> = []
  for (const code of udhrCodes()) {
    if (texts.length >= count) break
    for (const document of yield* readUdhr(code)) texts.push(document.text)
  }
  texts.length = Math.min(texts.length, count)

  const bare = yield* Effect.promise(() => ort.InferenceSession.create(modelPath, { executionProviders: ["cpu"], intraOpNumThreads: 1 }))
  const bareScore = async () => {
    const scores: Array<number> = []
    for (let start = 0; start < texts.length; start += batchSize) {
      const batch = texts.slice(start, start + batchSize)
      const data = new Float32Array(batch.length * FEATURE_NAMES.length)
      batch.forEach((text, row) => data.set(passageFeatures(text), row * FEATURE_NAMES.length))
      const output = await bare.run({ features: new ort.Tensor("float32", data, [batch.length, FEATURE_NAMES.length]) })
      scores.push(...(output.score.data as Float32Array))
    }
    return scores
  }
  const scorer = yield* Scorer
  const time = async (run: () => Promise<unknown>) => {
    const started = performance.now()
    await run()
    return performance.now() - started
  }
  const ours: Array<number> = []
  const theirs: Array<number> = []
  for (let round = 0; round < rounds; round++) {
    theirs.push(yield* Effect.promise(() => time(bareScore)))
    ours.push(yield* Effect.promise(() => time(() => Effect.runPromise(scorer.score(texts)))))
  }
  const median = (values: Array<number>) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
  const rate = (ms: number) => Math.round(texts.length / (ms / 1000))
  console.log(`passages: ${texts.length}, batch ${batchSize}, ${rounds} rounds, median`)
  console.log(`bare onnxruntime session: ${median(theirs).toFixed(1)} ms (${rate(median(theirs))} passages/s)`)
  console.log(`Scorer service:           ${median(ours).toFixed(1)} ms (${rate(median(ours))} passages/s)`)
  console.log(`ratio Scorer / bare: ${(median(ours) / median(theirs)).toFixed(3)}`)
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MiB`)
  yield* Effect.promise(() => bare.release())
})

Effect.runPromise(program.pipe(
  Effect.provide(Scorer.layer({ modelPath, executionProviders: ["cpu"], intraOpThreads: 1, batchSize })),
  Effect.provide(NodeServices.layer),
  Effect.scoped
))
