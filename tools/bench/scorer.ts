/**
 * Scorer throughput: our Scorer service against a bare onnxruntime-node session fed the same features in the
 * same batches, side by side in one process, on the embedded corpus (UDHR) of every language, each in its writing.
 *
 *   npx node tools/bench/scorer.ts [passages=5000] [rounds=5]
 */
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Effect, Layer } from "effect"
import { readdirSync } from "node:fs"
import * as ort from "onnxruntime-node"
import { readUdhr } from "#corpus"
import { FEATURE_NAMES, passageFeatures, Scorer } from "#scoring"
import type { Writing } from "#text"
import { installedRoot as workspaceRoot, Workspace } from "#workspace"

const count = Number(process.argv[2] ?? 5000)
const rounds = Number(process.argv[3] ?? 5)
const batchSize = 64
const modelPath = `${workspaceRoot}/libs/scoring/model/scorer.onnx`

const program = Effect.gen(function*() {
  const workspace = yield* Workspace
  // Texts by language, since one call scores texts of one writing.
  const groups: Array<{ writing: Writing; texts: Array<string> }> = []
  let total = 0
  for (const code of readdirSync(`${workspaceRoot}/languages`)) {
    const { language } = yield* workspace.loadLanguage(code)
    if (total >= count || language.corpus.udhr === null) continue
    const documents = yield* readUdhr(language.corpus.udhr)
    const texts = documents.slice(0, count - total).map((document) => document.text)
    groups.push({ writing: language.writing, texts })
    total += texts.length
  }

  const bare = yield* Effect.promise(() => ort.InferenceSession.create(modelPath, { executionProviders: ["cpu"], intraOpNumThreads: 1 }))
  const bareScore = async () => {
    const scores: Array<number> = []
    for (const { writing, texts } of groups) {
      for (let start = 0; start < texts.length; start += batchSize) {
        const batch = texts.slice(start, start + batchSize)
        const data = new Float32Array(batch.length * FEATURE_NAMES.length)
        batch.forEach((text, row) => data.set(passageFeatures(text, writing), row * FEATURE_NAMES.length))
        const features = new ort.Tensor("float32", data, [batch.length, FEATURE_NAMES.length])
        scores.push(...((await bare.run({ features })).score.data as Float32Array))
      }
    }
    return scores
  }
  const scorer = yield* Scorer
  const scoreAll = Effect.forEach(groups, ({ writing, texts }) => scorer.score(texts, writing))
  const time = async (run: () => Promise<unknown>) => {
    const started = performance.now()
    await run()
    return performance.now() - started
  }
  const ours: Array<number> = []
  const theirs: Array<number> = []
  for (let round = 0; round < rounds; round++) {
    theirs.push(yield* Effect.promise(() => time(bareScore)))
    ours.push(yield* Effect.promise(() => time(() => Effect.runPromise(scoreAll))))
  }
  const median = (values: Array<number>) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
  const rate = (ms: number) => Math.round(total / (ms / 1000))
  console.log(`passages: ${total} in ${groups.length} languages, batch ${batchSize}, ${rounds} rounds, median`)
  console.log(`bare onnxruntime session: ${median(theirs).toFixed(1)} ms (${rate(median(theirs))} passages/s)`)
  console.log(`Scorer service:           ${median(ours).toFixed(1)} ms (${rate(median(ours))} passages/s)`)
  console.log(`ratio Scorer / bare: ${(median(ours) / median(theirs)).toFixed(3)}`)
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MiB`)
  yield* Effect.promise(() => bare.release())
})

Effect.runPromise(program.pipe(
  Effect.provide(Scorer.layer({ modelPath, executionProviders: ["cpu"], intraOpThreads: 1, batchSize })),
  Effect.provide(Workspace.layer(workspaceRoot).pipe(Layer.provideMerge(NodeServices.layer))),
  Effect.scoped
))
