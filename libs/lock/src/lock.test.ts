import { NodeServices } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { digestBytes, toJsonl } from "#files"
import { checkLock } from "./check.ts"
import { foldLock } from "./fold.ts"

/** A workspace with two languages whose sample stage wrote one output and its fragment. */
const workspace = () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "finerweb-lock-"))
  for (const language of ["afr_Latn", "tha_Thai"]) {
    const dir = path.join(root, "languages", language, "out", "sample")
    fs.mkdirSync(dir, { recursive: true })
    const bytes = new TextEncoder().encode(toJsonl([{ id: `${language}-1` }]))
    fs.writeFileSync(path.join(dir, "passages.jsonl"), bytes)
    fs.writeFileSync(path.join(dir, "lock.json"), JSON.stringify({
      language, stage: "sample", inputs: { seed: "s" }, outputs: { "passages.jsonl": digestBytes("passages.jsonl", bytes) }
    }))
  }
  return root
}

/** The stages whose outputs these tests pin. */
const pinned = ["sample", "score"]

const run = <A, E>(effect: Effect.Effect<A, E, NodeServices.NodeServices>) => effect.pipe(Effect.provide(NodeServices.layer))

describe("datasets.lock", () => {
  it.effect("folds fragments into a sorted lock that then checks clean", () =>
    run(Effect.gen(function*() {
      const root = workspace()
      const lock = yield* foldLock(root, pinned)
      assert.deepStrictEqual(Object.keys(lock.languages), ["afr_Latn", "tha_Thai"])
      assert.strictEqual(lock.languages.afr_Latn.sample.outputs["passages.jsonl"].rows, 1)
      const text = fs.readFileSync(path.join(root, "datasets.lock"), "utf8")
      assert.match(text, /^\{\n  "languages"/)
      assert.deepStrictEqual(yield* checkLock(root, pinned), [])
    })))

  it.effect("reports an output whose bytes changed after the fold", () =>
    run(Effect.gen(function*() {
      const root = workspace()
      yield* foldLock(root, pinned)
      fs.appendFileSync(path.join(root, "languages/tha_Thai/out/sample/passages.jsonl"), "{}\n")
      const disagreements = yield* checkLock(root, pinned)
      assert.strictEqual(disagreements.length, 1)
      assert.include(disagreements[0], "languages/tha_Thai/out/sample/passages.jsonl: sha256")
    })))

  it.effect("reports a missing output and a fragment the lock does not hold", () =>
    run(Effect.gen(function*() {
      const root = workspace()
      yield* foldLock(root, pinned)
      fs.rmSync(path.join(root, "languages/afr_Latn/out/sample/passages.jsonl"))
      fs.mkdirSync(path.join(root, "languages/afr_Latn/out/score"))
      fs.writeFileSync(path.join(root, "languages/afr_Latn/out/score/lock.json"), JSON.stringify({
        language: "afr_Latn", stage: "score", inputs: {}, outputs: {}
      }))
      const disagreements = yield* checkLock(root, pinned)
      assert.deepStrictEqual(disagreements.map((line) => line.split(":")[0]), [
        "languages/afr_Latn/out/sample/passages.jsonl",
        "languages/afr_Latn/out/score/lock.json"
      ])
    })))

  it.effect("neither folds nor flags the fragment of a stage it does not pin (a measurement kept beside its output)", () =>
    run(Effect.gen(function*() {
      const root = workspace()
      fs.mkdirSync(path.join(root, "languages/afr_Latn/out/evaluate"))
      fs.writeFileSync(path.join(root, "languages/afr_Latn/out/evaluate/lock.json"), JSON.stringify({
        language: "afr_Latn", stage: "evaluate", inputs: {}, outputs: {}
      }))
      const lock = yield* foldLock(root, pinned)
      assert.deepStrictEqual(Object.keys(lock.languages.afr_Latn), ["sample"])
      assert.deepStrictEqual(yield* checkLock(root, pinned), [])
      assert.deepStrictEqual(Object.keys((yield* foldLock(root, [...pinned, "evaluate"])).languages.afr_Latn), ["evaluate", "sample"])
    })))
})
