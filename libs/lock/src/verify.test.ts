import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { foldLock } from "./fold.ts"
import { pinned, run, workspace, writeStage } from "./lock.fixture.ts"
import { verifyOutputs } from "./verify.ts"

/** The fixture folded into its lock, then `tamper` applied; what verify then reports. */
const verifyAfter = (tamper: (root: string) => void) =>
  run(Effect.gen(function*() {
    const root = workspace()
    yield* foldLock(root, pinned)
    tamper(root)
    const error = yield* Effect.flip(verifyOutputs(root, pinned))
    if (error._tag !== "OutputsDisagree") return assert.fail(`expected OutputsDisagree, got ${error.message}`)
    return error
  }))

describe("finerweb verify", () => {
  it.effect("passes on a freshly folded workspace, counting the pinned files, and ignores a killed run's leftovers", () =>
    run(Effect.gen(function*() {
      const root = workspace()
      yield* foldLock(root, pinned)
      fs.mkdirSync(path.join(root, "languages/afr_Latn/out/.tmp-sample-123"))
      fs.writeFileSync(path.join(root, "languages/afr_Latn/out/.tmp-sample-123/passages.jsonl"), "half")
      fs.mkdirSync(path.join(root, "languages/afr_Latn/out/sample/.tmp-part"))
      fs.writeFileSync(path.join(root, "languages/afr_Latn/out/sample/.tmp-part/x"), "half")
      assert.strictEqual(yield* verifyOutputs(root, pinned), 2)
    })))

  it.effect("one changed byte of one output: names exactly that file with both digests", () =>
    Effect.gen(function*() {
      const error = yield* verifyAfter((root) =>
        fs.writeFileSync(path.join(root, "languages/tha_Thai/out/sample/passages.jsonl"), `{"id":"tha_Thai-2"}\n`)
      )
      assert.deepStrictEqual(error.problems, [
        "languages/tha_Thai/out/sample/passages.jsonl: " +
        "sha256 4bcd5807e7eb260751d1307f2e2d3ffaadb12907fbbda81026c6de8719a66922 (20 bytes), " +
        "the lock pins 1cad069303a4409b23082a42f5c6b500cdf7fcaf438846ba5faf7c4641903e9c (20 bytes)"
      ])
    }))

  it.effect("a deleted output: missing", () =>
    Effect.gen(function*() {
      const error = yield* verifyAfter((root) => fs.rmSync(path.join(root, "languages/tha_Thai/out/sample/passages.jsonl")))
      assert.deepStrictEqual(error.problems, [
        "languages/tha_Thai/out/sample/passages.jsonl: missing (the lock pins sha256 " +
        "1cad069303a4409b23082a42f5c6b500cdf7fcaf438846ba5faf7c4641903e9c)"
      ])
    }))

  it.effect("a stray file in a pinned stage's folder, and a whole stage folder the lock does not hold: not in the lock", () =>
    Effect.gen(function*() {
      const error = yield* verifyAfter((root) => {
        fs.writeFileSync(path.join(root, "languages/tha_Thai/out/sample/notes.txt"), "stray")
        writeStage(root, "afr_Latn", "score", {}, { "scores.jsonl": "{}\n" })
      })
      assert.deepStrictEqual(error.problems, [
        "languages/afr_Latn/out/score/scores.jsonl: not in the lock",
        "languages/tha_Thai/out/sample/notes.txt: not in the lock"
      ])
    }))

  it.effect("several problems come sorted, one line each, and the error's message lists them all", () =>
    Effect.gen(function*() {
      const error = yield* verifyAfter((root) => {
        fs.writeFileSync(path.join(root, "languages/tha_Thai/out/sample/a.txt"), "stray")
        fs.rmSync(path.join(root, "languages/afr_Latn/out/sample/passages.jsonl"))
      })
      assert.deepStrictEqual(error.problems.map((line) => line.split(":")[0]), [
        "languages/afr_Latn/out/sample/passages.jsonl",
        "languages/tha_Thai/out/sample/a.txt"
      ])
      assert.strictEqual(error.message.split("\n").length, 3)
      assert.match(error.message, /^datasets\.lock disagrees with the files on disk:\n {2}languages\/afr_Latn/)
    }))

  it.effect("ignores folders of stages the lock does not pin", () =>
    run(Effect.gen(function*() {
      const root = workspace()
      yield* foldLock(root, pinned)
      writeStage(root, "afr_Latn", "evaluate", {}, { "report.json": "{}" })
      assert.strictEqual(yield* verifyOutputs(root, pinned), 2)
    })))
})
