import { NodeServices } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { onTestFinished } from "vitest"
import { completion, lastUserMessage, startChatServer } from "#testing"
import { installedRoot, Workspace } from "#workspace"
import { trainScorer } from "./scorer.ts"

const places = ["Nairobi", "Berlin", "Lagos", "Oslo", "Quito", "Hanoi", "Lima", "Dakar"]
const kitchen = ["spoon", "kettle", "butter", "sugar", "whisk", "plate", "cup", "flour"]

/** A rating of score 4 for text of place names, 1 for kitchen words: separable, as in train.test.ts. */
const rating = (code: string, i: number) => {
  const words = i % 2 === 0 ? places : kitchen
  const text = Array.from({ length: 8 }, (_, k) => words[(i + k * 3) % words.length]).join(" ")
  return { id: `${code}-${i}#0`, document: `${code}-${i}`, text, score: i % 2 === 0 ? 4 : 1, justification: "by hand" }
}

/** What rating FLORES reads: the rate stage's configuration and prompt, and the LLM settings. */
const rateFiles = ["libs/stages/src/rate/config.json", "libs/stages/src/rate/prompt.md", "libs/llm/llm.json"]

/**
 * A workspace of two languages with `counts` ratings each, the trainer's configuration made small, FLORES pointed at
 * `flores` (relative to the root), and the LLM settings pointed at `llm` when given (else the offline teacher).
 */
const workspace = (counts: Readonly<Record<string, number>>, flores = "flores", llm?: string) => {
  const root = mkdtempSync(join(tmpdir(), "finerweb-train-"))
  onTestFinished(() => rmSync(root, { recursive: true, force: true }))
  const config = JSON.parse(readFileSync(join(installedRoot, "libs/training/config.json"), "utf8"))
  for (const file of rateFiles) {
    mkdirSync(join(root, file, ".."), { recursive: true })
    cpSync(join(installedRoot, file), join(root, file))
  }
  if (llm !== undefined) {
    const settings = JSON.parse(readFileSync(join(root, "libs/llm/llm.json"), "utf8"))
    writeFileSync(join(root, "libs/llm/llm.json"), JSON.stringify({ ...settings, baseUrl: llm, model: "served-model", retries: 0 }))
  }
  mkdirSync(join(root, "libs/training"), { recursive: true })
  writeFileSync(
    join(root, "libs/training/config.json"),
    JSON.stringify({
      ...config,
      ngrams: { dimensions: 256, minN: 1, maxN: 3 },
      hidden: 8,
      epochs: 30,
      batchSize: 8,
      learningRate: 0.01,
      flores: { dir: flores, sentencesPerPassage: 2 }
    })
  )
  for (const [code, count] of Object.entries(counts)) {
    mkdirSync(join(root, "languages", code), { recursive: true })
    cpSync(join(installedRoot, "languages", code, "language.json"), join(root, "languages", code, "language.json"))
    if (count === 0) continue
    const out = join(root, "languages", code, "out/rate")
    mkdirSync(out, { recursive: true })
    const rows = Array.from({ length: count }, (_, i) => rating(code, i))
    writeFileSync(join(out, "ratings.jsonl"), rows.map((row) => JSON.stringify(row) + "\n").join(""))
    writeFileSync(join(out, "manifest.json"), JSON.stringify({
      rater: "served-model",
      standIn: false,
      seed: "s",
      passages: count,
      sampled: count,
      rated: count,
      rejected: {},
      histogram: { "1": count / 2, "2": 0, "3": 0, "4": count / 2 },
      llm: { requests: count, promptTokens: 0, completionTokens: 0 }
    }))
  }
  return root
}

const trainAt = (root: string) =>
  trainScorer().pipe(Effect.provide(Workspace.layer(root).pipe(Layer.provideMerge(NodeServices.layer))))

const files = (root: string) =>
  Object.fromEntries(
    ["scorer.onnx", "scorer.json", "report.json", "README.md"].map((name) => [name, readFileSync(join(root, "libs/scoring/model", name))])
  )

/** FLORES files of one language in the SIB-200 layout: `sentences` as [index, text], all in the train split. */
const writeFlores = (root: string, code: string, sentences: ReadonlyArray<readonly [number, string]>) => {
  const folder = join(root, "flores", code)
  mkdirSync(folder, { recursive: true })
  const rows = sentences.map(([index, text]) => `${index}\tnews\t${text}\n`).join("")
  writeFileSync(join(folder, "train.tsv"), `index_id\tcategory\ttext\n${rows}`)
  writeFileSync(join(folder, "dev.tsv"), "index_id\tcategory\ttext\n")
  writeFileSync(join(folder, "test.tsv"), "index_id\tcategory\ttext\n")
}

describe("trainScorer", () => {
  it.live("holds out 10% of each language, learns the ratings and writes model, manifest, report and card", () =>
    Effect.gen(function*() {
      const root = workspace({ eng_Latn: 60, deu_Latn: 40 })
      const { results, manifest } = yield* trainAt(root)
      // round(0.1 * 60) = 6 and round(0.1 * 40) = 4 held out; 90 trained on.
      assert.deepStrictEqual(results.sources.embedded, {
        languages: 2,
        ratings: 100,
        useful: 50,
        train: 90,
        heldOut: 10,
        raters: ["served-model"]
      })
      assert.strictEqual(results.training.examples, 90)
      assert.strictEqual(results.heldOut.embedded.perLanguage.eng_Latn.examples, 6)
      assert.strictEqual(results.heldOut.embedded.perLanguage.deu_Latn.examples, 4)
      // Separable by construction: every held-out passage is on the right side.
      assert.strictEqual(results.heldOut.embedded.overall.accuracy, 1)
      assert.deepStrictEqual(results.sources.flores, { skipped: "flores is absent" })
      assert.isNull(results.heldOut.flores)
      const written = files(root)
      assert.strictEqual(written["scorer.onnx"].length, manifest.bytes)
      assert.deepStrictEqual(JSON.parse(written["scorer.json"].toString()), {
        model: "finerweb-ngram-scorer",
        version: 1,
        file: "scorer.onnx",
        sha256: manifest.sha256,
        bytes: manifest.bytes,
        irVersion: 8,
        opsetVersion: 17,
        preparation: "hashed-ngrams",
        ngrams: { dimensions: 256, minN: 1, maxN: 3 },
        input: { name: "features", shape: ["batch", 256] },
        output: { name: "score", shape: ["batch", 1] }
      })
      assert.include(written["README.md"].toString(), `sha256 \`${manifest.sha256}\``)
      assert.include(written["README.md"].toString(), "- **FLORES**: skipped, flores is absent.")
      assert.notInclude(written["README.md"].toString(), "stand-in")
    }))

  it.live("gives the same bytes on a second run", () =>
    Effect.gen(function*() {
      const root = workspace({ eng_Latn: 20, deu_Latn: 20 })
      yield* trainAt(root)
      const first = files(root)
      yield* trainAt(root)
      assert.deepStrictEqual(files(root), first)
    }))

  it.live("rates FLORES through the configured endpoint, trains on both sources and reports each apart", () =>
    Effect.gen(function*() {
      // The scripted rater: 4 for a passage naming Merkel, 1 for any other.
      const server = yield* startChatServer((_, body) => {
        const rich = lastUserMessage(body).includes("Merkel")
        return { body: completion(`{"justification": "scripted", "score": ${rich ? 4 : 1}}`) }
      })
      const root = workspace({ eng_Latn: 20 }, "flores", server.url)
      // 40 sentences, two to a passage in index order: passage k joins 2k and 2k + 1; every other one names Merkel.
      writeFlores(root, "eng_Latn", Array.from({ length: 40 }, (_, i) => [
        i,
        Math.floor(i / 2) % 2 === 0 ? `Angela Merkel met delegates in Berlin, sentence ${i}.` : `The soup needs salt, sentence ${i}.`
      ] as const))
      // Another FLORES language that the workspace does not have is left out.
      writeFlores(root, "fra_Latn", [[0, "Emmanuel Macron est à Paris."]])
      const { results } = yield* trainAt(root)

      assert.strictEqual(server.received.length, 20)
      const prompt = server.received.map((request) => lastUserMessage(request.body)).find((text) => text.includes("sentence 0."))
      assert.include(prompt, `<chunk lang="en">\nAngela Merkel met delegates in Berlin, sentence 0. Angela Merkel met delegates in Berlin, sentence 1.\n</chunk>`)
      const flores = results.sources.flores
      assert.notProperty(flores, "skipped")
      // 20 passages, 10 useful; round(0.1 * 20) = 2 held out.
      assert.deepInclude(flores as object, {
        languages: 1,
        ratings: 20,
        useful: 10,
        train: 18,
        heldOut: 2,
        raters: ["served-model"],
        passages: 20,
        rejected: {},
        histogram: { "1": 10, "2": 0, "3": 0, "4": 10 }
      })
      assert.strictEqual(results.training.examples, 18 + 18)
      assert.deepStrictEqual(Object.keys(results.heldOut.flores!.perLanguage), ["eng_Latn"])
      assert.strictEqual(results.heldOut.flores!.overall.examples, 2)
      assert.strictEqual(results.heldOut.embedded.overall.examples, 2)
      const card = files(root)["README.md"].toString()
      assert.include(card, "| FLORES | 1 | 20 | 10 | 18 | 2 | served-model |")
      assert.include(card, "## Held-out report: FLORES")

      // The answers are in the response cache: a second run asks the server nothing and writes the same bytes.
      const first = files(root)
      yield* trainAt(root)
      assert.strictEqual(server.received.length, 20)
      assert.deepStrictEqual(files(root), first)
    }))

  it.live("fails naming the ratings file of a language that has not been rated", () =>
    Effect.gen(function*() {
      const root = workspace({ eng_Latn: 20, deu_Latn: 0 })
      const error = yield* Effect.flip(trainAt(root))
      assert.strictEqual(
        error.message,
        "languages/deu_Latn/out/rate/ratings.jsonl is missing: run the rate stage for this language first (nx run-many -t rate)"
      )
    }))
})
