import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { checkLock } from "./check.ts"
import { foldLock } from "./fold.ts"
import { pinned, run, workspace, writeStage } from "./lock.fixture.ts"

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

  it.effect("a fragment whose prompt digest changed: names the language, stage and inputs.prompt with both short digests", () =>
    run(Effect.gen(function*() {
      const root = workspace()
      const judge = { "judgements.jsonl": "{}\n" }
      // sha256 of "Tag the names.\n", then of "Tag every name.\n".
      writeStage(root, "tha_Thai", "judge", { prompt: "689eb44a8f7664b547e152008c6c0156b6b1d707daf601bcfea8831047d6c464" }, judge)
      yield* foldLock(root, pinned)
      writeStage(root, "tha_Thai", "judge", { prompt: "c9d2374c88da0ecbb468efa2ef86a3cbf65d042a813daecbdb9d8a671b610d5e" }, judge)
      assert.deepStrictEqual(yield* checkLock(root, pinned), [
        "languages/tha_Thai/out/judge/lock.json: inputs.prompt 689eb44a8f76 -> c9d2374c88da"
      ])
    })))

  it.effect("a fragment whose config and output changed: each changed config value, then the output's changed fields", () =>
    run(Effect.gen(function*() {
      const root = workspace()
      const config = { seed: "s", temperature: 0, labels: ["person", "place"] }
      writeStage(root, "afr_Latn", "judge", { config }, { "judgements.jsonl": "{}\n", "summary.json": "{}" })
      yield* foldLock(root, pinned)
      writeStage(root, "afr_Latn", "judge", { config: { ...config, temperature: 0.7, labels: ["person"] } }, {
        "judgements.jsonl": "{}\n{}\n",
        "summary.json": "{}"
      })
      const lines = yield* checkLock(root, pinned)
      // The output changed too, so the pinned file disagrees first, then the fragment: sha256 of "{}\n" then "{}\n{}\n".
      assert.strictEqual(lines.length, 2)
      assert.match(lines[0], /^languages\/afr_Latn\/out\/judge\/judgements\.jsonl: sha256 /)
      assert.strictEqual(
        lines[1],
        "languages/afr_Latn/out/judge/lock.json: " +
          "inputs.config.labels [\"person\",\"place\"] -> [\"person\"]; inputs.config.temperature 0 -> 0.7; " +
          "outputs judgements.jsonl sha256 ca3d163bab05 -> 3b00ba536167, bytes 3 -> 6, rows 1 -> 2"
      )
    })))
})
