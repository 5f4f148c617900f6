/**
 * Scorer benchmarks, in one run:
 *  1. throughput: the Scorer service against the same work by hand (ngramFeatures, then a bare onnxruntime-node
 *     session's `run`) in the same batches, side by side in one process, on the embedded corpus (UDHR) of every
 *     language in its writing; the hand path's time is split between featurizing and inference. Then the same for
 *     the transformer path on the tests' tiny transformer (its tokenizer.json by hand, then a bare `run`).
 *  2. memory: the score stage run on a generated `sample/passages.jsonl` of `streamed` passages in a temporary
 *     workspace, in a child process whose peak RSS is its own.
 *
 *   npm run bench:score -- [passages=5000] [rounds=5] [streamed=1000000]
 */
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Effect, Layer } from "effect"
import { execFileSync } from "node:child_process"
import { closeSync, cpSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { Tokenizer } from "@huggingface/tokenizers"
import * as ort from "onnxruntime-node"
import { readUdhr } from "#corpus"
import { densify, type NgramManifest, ngramFeatures, Scorer } from "#scoring"
import { runStage } from "#stages"
import { writeTinyTransformer } from "#testing"
import type { Writing } from "#text"
import { installedRoot as workspaceRoot, Workspace } from "#workspace"

const batchSize = 64
const tinyMaxLength = 512
const modelPath = `${workspaceRoot}/libs/scoring/model/scorer.onnx`
const streamedLanguage = "swh_Latn"
const workspaceLayer = (root: string) => Workspace.layer(root).pipe(Layer.provideMerge(NodeServices.layer))

/** Texts by language, since one call scores texts of one writing. */
const corpus = (count: number) =>
  Effect.gen(function*() {
    const workspace = yield* Workspace
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
    return { groups, total }
  })

/** Texts, one writing at a time, to a model's inputs: the work the Scorer does before `session.run`, by hand. */
type Prepare = (texts: ReadonlyArray<string>, writing: Writing) => Record<string, ort.Tensor>

/**
 * The Scorer service against the same work by hand (`prepare`, then a bare session's `run`) in the same batches, on
 * the same passages; the hand path's time is split between preparing the inputs and inference.
 */
const compare = (
  title: string,
  modelPath: string,
  preparing: string,
  prepare: Prepare,
  corpus: { groups: ReadonlyArray<{ writing: Writing; texts: Array<string> }>; total: number },
  rounds: number
) =>
  Effect.gen(function*() {
    const { groups, total } = corpus
    const bare = yield* Effect.promise(() =>
      ort.InferenceSession.create(modelPath, { executionProviders: ["cpu"], intraOpNumThreads: 1 })
    )
    const byHand = async () => {
      let preparation = 0
      let inference = 0
      for (const { writing, texts } of groups) {
        for (let start = 0; start < texts.length; start += batchSize) {
          const started = performance.now()
          const inputs = prepare(texts.slice(start, start + batchSize), writing)
          const prepared = performance.now()
          await bare.run(inputs)
          preparation += prepared - started
          inference += performance.now() - prepared
        }
      }
      return { preparation, inference, total: preparation + inference }
    }
    const scorer = yield* Scorer
    const service = Effect.forEach(groups, ({ writing, texts }) => scorer.score(texts, writing))
    const hand: Array<{ preparation: number; inference: number; total: number }> = []
    const ours: Array<number> = []
    const timeService = Effect.gen(function*() {
      const started = performance.now()
      yield* service
      return performance.now() - started
    })
    // One round of each to warm up (JIT, onnxruntime's arenas), then the two alternate which goes first.
    yield* Effect.promise(byHand)
    yield* service
    for (let round = 0; round < rounds; round++) {
      if (round % 2 === 0) {
        hand.push(yield* Effect.promise(byHand))
        ours.push(yield* timeService)
      } else {
        ours.push(yield* timeService)
        hand.push(yield* Effect.promise(byHand))
      }
    }
    yield* Effect.promise(() => bare.release())
    const median = (values: Array<number>) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
    const rate = (ms: number) => Math.round(total / (ms / 1000))
    const handMs = median(hand.map((h) => h.total))
    const serviceMs = median(ours)
    const preparation = median(hand.map((h) => h.preparation))
    const inference = median(hand.map((h) => h.inference))
    console.log(`${title}: ${total} passages in ${groups.length} languages, batch ${batchSize}, cpu, 1 thread, median of ${rounds} after a warm-up`)
    console.log(`  by hand (${preparing} + bare session.run): ${handMs.toFixed(1)} ms, ${rate(handMs)} passages/s`)
    console.log(
      `    ${preparing} ${preparation.toFixed(1)} ms (${(100 * preparation / (preparation + inference)).toFixed(1)}%), ` +
        `inference ${inference.toFixed(1)} ms (${(100 * inference / (preparation + inference)).toFixed(1)}%)`
    )
    console.log(`  Scorer service: ${serviceMs.toFixed(1)} ms, ${rate(serviceMs)} passages/s`)
    console.log(`  ratio service / hand (passages/s): ${(handMs / serviceMs).toFixed(3)}`)
  }).pipe(
    Effect.provide(Scorer.layer({ modelPath, executionProviders: ["cpu"], intraOpThreads: 1, batchSize })),
    Effect.scoped
  )

/** The default model's n-grams by hand, with the settings its manifest names, densified into one [batch, D] tensor. */
const ngramInputs = (modelPath: string): Prepare => {
  const manifest = JSON.parse(readFileSync(modelPath.replace(/\.onnx$/, ".json"), "utf8")) as NgramManifest
  const { dimensions } = manifest.ngrams
  return (texts) => {
    const data = new Float32Array(texts.length * dimensions)
    texts.forEach((text, row) => data.set(densify(ngramFeatures(text, manifest.ngrams), dimensions), row * dimensions))
    return { [manifest.input.name]: new ort.Tensor("float32", data, [texts.length, dimensions]) }
  }
}

/** The tiny transformer's tokenizer by hand: encode, cut to `maxLength` keeping the closing [SEP], pad, mask. */
const tokenizedInputs = (modelPath: string, maxLength: number): Prepare => {
  const tokenizer = new Tokenizer(JSON.parse(readFileSync(join(dirname(modelPath), "tokenizer.json"), "utf8")), {})
  return (texts) => {
    const rows = texts.map((text) => {
      const ids: ReadonlyArray<number> = tokenizer.encode(text).ids
      return ids.length <= maxLength ? ids : [...ids.slice(0, maxLength - 1), ids[ids.length - 1]]
    })
    const width = Math.max(1, ...rows.map((ids) => ids.length))
    const inputIds = new BigInt64Array(texts.length * width)
    const attentionMask = new BigInt64Array(texts.length * width)
    rows.forEach((ids, row) =>
      ids.forEach((id, column) => {
        inputIds[row * width + column] = BigInt(id)
        attentionMask[row * width + column] = 1n
      })
    )
    return {
      input_ids: new ort.Tensor("int64", inputIds, [texts.length, width]),
      attention_mask: new ort.Tensor("int64", attentionMask, [texts.length, width])
    }
  }
}

/**
 * Throughput of the default model, then of the transformer path on the tests' tiny transformer (a 10-token WordPiece
 * tokenizer and a 2-d embedding sum, so the figures measure tokenization and the service's overhead, not a real
 * transformer's inference).
 */
const throughput = (count: number, rounds: number) =>
  Effect.gen(function*() {
    const passages = yield* corpus(count)
    yield* compare("throughput, default model", modelPath, "featurizing", ngramInputs(modelPath), passages, rounds)
    const tiny = writeTinyTransformer({ name: "logits", head: "sigmoid" }, tinyMaxLength)
    yield* compare(
      `throughput, tiny test transformer (maxLength ${tinyMaxLength})`,
      tiny,
      "tokenizing",
      tokenizedInputs(tiny, tinyMaxLength),
      passages,
      rounds
    )
    rmSync(dirname(tiny), { recursive: true, force: true })
  }).pipe(Effect.provide(workspaceLayer(workspaceRoot)))

/**
 * A workspace holding only what the score stage reads, and a sample of `count` passages cut from the language's
 * UDHR text in pieces of 40 words, three chunks a document, written a block at a time.
 */
const generatedWorkspace = (count: number) =>
  Effect.gen(function*() {
    const root = mkdtempSync(join(tmpdir(), "finerweb-bench-score-"))
    for (const file of [`languages/${streamedLanguage}/language.json`, "libs/stages/src/score/config.json", "libs/scoring/model"]) {
      mkdirSync(dirname(join(root, file)), { recursive: true })
      cpSync(join(workspaceRoot, file), join(root, file), { recursive: true })
    }
    const words = (yield* readUdhr("swh")).flatMap((document) => document.text.split(/\s+/))
    const sample = join(root, `languages/${streamedLanguage}/out/sample/passages.jsonl`)
    mkdirSync(dirname(sample), { recursive: true })
    const file = openSync(sample, "w")
    let block = ""
    for (let index = 0; index < count; index++) {
      const document = `doc${Math.floor(index / 3)}`
      const chunk = index % 3
      const start = (index * 37) % (words.length - 40)
      const text = words.slice(start, start + 40).join(" ")
      block += JSON.stringify({ id: `${document}#${chunk}`, document, chunk, text, words: 40, url: null }) + "\n"
      if (block.length > 1 << 20) {
        writeSync(file, block)
        block = ""
      }
    }
    writeSync(file, block)
    closeSync(file)
    return { root, bytes: statSync(sample).size }
  }).pipe(Effect.provide(workspaceLayer(workspaceRoot)))

const memory = (count: number) =>
  Effect.gen(function*() {
    const { root, bytes } = yield* generatedWorkspace(count)
    const started = performance.now()
    const output = execFileSync(process.execPath, [fileURLToPath(import.meta.url), "stream", root], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"]
    })
    const seconds = (performance.now() - started) / 1000
    const { maxRssMiB, manifest } = JSON.parse(output.trim().split("\n").at(-1)!)
    const scores = readFileSync(join(root, `languages/${streamedLanguage}/out/score/scores.jsonl`)).byteLength
    rmSync(root, { recursive: true, force: true })
    console.log(`memory: the score stage on ${count} generated ${streamedLanguage} passages (${(bytes / 2 ** 20).toFixed(0)} MiB of JSONL)`)
    console.log(`  ${seconds.toFixed(1)} s, ${Math.round(count / seconds)} passages/s, peak RSS ${maxRssMiB.toFixed(1)} MiB`)
    console.log(`  scored ${manifest.scored}, kept ${manifest.kept}, scores.jsonl ${(scores / 2 ** 20).toFixed(0)} MiB`)
  })

/** The child: runs the score stage on the generated workspace and prints its peak RSS and manifest as JSON. */
const child = (root: string) =>
  runStage("score", streamedLanguage).pipe(
    Effect.provide(workspaceLayer(root)),
    Effect.map((manifest) => console.log(JSON.stringify({ maxRssMiB: process.resourceUsage().maxRSS / 1024, manifest })))
  )

if (process.argv[2] === "stream") {
  Effect.runPromise(child(process.argv[3]))
} else {
  const [passages = 5000, rounds = 5, streamed = 1_000_000] = process.argv.slice(2).map(Number)
  Effect.runPromise(Effect.gen(function*() {
    yield* throughput(passages, rounds)
    yield* memory(streamed)
  }))
}
