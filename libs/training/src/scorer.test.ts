import { NodeServices } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { onTestFinished } from "vitest"
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

/**
 * A workspace of two languages with `counts` ratings each, the trainer's configuration made small, and FLORES
 * pointed at `flores` (relative to the root).
 */
const workspace = (counts: Readonly<Record<string, number>>, flores = "flores") => {
  const root = mkdtempSync(join(tmpdir(), "finerweb-train-"))
  onTestFinished(() => rmSync(root, { recursive: true, force: true }))
  const config = JSON.parse(readFileSync(join(installedRoot, "libs/training/config.json"), "utf8"))
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
  Object.fromEntries(["scorer.onnx", "scorer.json", "report.json", "README.md"].map((name) => [name, readFileSync(join(root, "scorer", name))]))

describe("trainScorer", () => {
  it.live("holds out 10% of each language, learns the ratings and writes model, manifest, report and card", () =>
    Effect.gen(function*() {
      const root = workspace({ eng_Latn: 60, deu_Latn: 40 })
      const { results, manifest } = yield* trainAt(root)
      // round(0.1 * 60) = 6 and round(0.1 * 40) = 4 held out; 90 trained on.
      assert.deepStrictEqual(results.data, {
        languages: 2,
        ratings: 100,
        useful: 50,
        train: 90,
        heldOut: 10,
        raters: ["served-model"]
      })
      assert.strictEqual(results.heldOut.perLanguage.eng_Latn.examples, 6)
      assert.strictEqual(results.heldOut.perLanguage.deu_Latn.examples, 4)
      // Separable by construction: every held-out passage is on the right side.
      assert.strictEqual(results.heldOut.overall.accuracy, 1)
      assert.deepStrictEqual(results.flores, { skipped: "flores is absent" })
      const written = files(root)
      assert.strictEqual(written["scorer.onnx"].length, manifest.bytes)
      assert.strictEqual(JSON.parse(written["scorer.json"].toString()).sha256, manifest.sha256)
      assert.include(written["README.md"].toString(), `sha256 \`${manifest.sha256}\``)
      assert.include(written["README.md"].toString(), "Skipped: flores is absent.")
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

  it.live("reports on FLORES passages of the workspace's languages, rated by the teacher's rule", () =>
    Effect.gen(function*() {
      const root = workspace({ eng_Latn: 20 })
      const folder = join(root, "flores/eng_Latn")
      mkdirSync(folder, { recursive: true })
      const sentences = [
        "Angela Merkel met Joe Biden in Berlin in 2021 to talk about trade with Kenya and Uganda.",
        "Later they flew to Paris and London, where Emmanuel Macron waited for them in March 2022.",
        "The soup needs more salt."
      ]
      writeFileSync(join(folder, "train.tsv"), `index_id\tcategory\ttext\n7\tpolitics\t${sentences[1]}\n3\tpolitics\t${sentences[0]}\n`)
      writeFileSync(join(folder, "dev.tsv"), `index_id\tcategory\ttext\n9\thealth\t${sentences[2]}\n`)
      writeFileSync(join(folder, "test.tsv"), "index_id\tcategory\ttext\n")
      // Another FLORES language that the workspace does not have is left out.
      mkdirSync(join(root, "flores/fra_Latn"))
      const { results } = yield* trainAt(root)
      assert.notProperty(results.flores, "skipped")
      const flores = results.flores as {
        histogram: Record<string, number>
        perLanguage: Record<string, { examples: number; positives: number }>
      }
      // Two passages of two sentences in index order: 3 + 7 (entity-rich, 4), then 9 alone (a fragment, 1).
      assert.deepStrictEqual(flores.histogram, { "1": 1, "2": 0, "3": 0, "4": 1 })
      assert.deepStrictEqual(Object.keys(flores.perLanguage), ["eng_Latn"])
      assert.strictEqual(flores.perLanguage.eng_Latn.examples, 2)
      assert.strictEqual(flores.perLanguage.eng_Latn.positives, 1)
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
