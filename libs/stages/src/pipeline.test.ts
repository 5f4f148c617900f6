import * as NodeServices from "@effect/platform-node/NodeServices"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { readdirSync, readFileSync, rmSync } from "node:fs"
import { join } from "node:path"
import { checkLock, foldLock } from "#lock"
import { pinnedStages } from "./table.ts"
import { runStageAt, tinyWorkspace } from "./workspace.fixture.ts"

const code = "tha_Thai"

/** Every output file of the language, by its path under `out/`, with its text. */
const outputs = (root: string) => {
  const folder = join(root, "languages", code, "out")
  return Object.fromEntries(
    readdirSync(folder, { recursive: true, encoding: "utf8" })
      .filter((name) => name.includes("."))
      .sort()
      .map((name) => [name, readFileSync(join(folder, name), "utf8")])
  )
}

const build = (root: string) => Effect.forEach(pinnedStages, (stage) => runStageAt(root, stage, code), { discard: true })

describe("the six stages together", () => {
  it.live("build a language with the offline teacher, and their fragments fold into a lock that checks clean", () =>
    Effect.gen(function*() {
      const root = tinyWorkspace([code])
      yield* build(root)
      const lock = yield* foldLock(root, pinnedStages)
      assert.deepStrictEqual(Object.keys(lock.languages[code]).sort(), [...pinnedStages].sort())
      assert.deepStrictEqual(yield* checkLock(root, pinnedStages), [])
      // Sentences without spans are dropped: every exported record holds a span, and stats.json counts them all.
      const records = readFileSync(join(root, "languages", code, "out/export", `${code}.jsonl`), "utf8").trim().split("\n")
        .map((line) => JSON.parse(line) as { char_spans: Array<unknown> })
      assert.isAbove(records.length, 0)
      assert.isTrue(records.every((record) => record.char_spans.length > 0))
      const statistics = JSON.parse(readFileSync(join(root, "languages", code, "out/export/stats.json"), "utf8"))
      assert.strictEqual(statistics.sentences, records.length)
      assert.isAbove(statistics.dropped.sentencesWithoutSpans, 31)
    }).pipe(Effect.provide(NodeServices.layer)))

  it.live("rebuilt from nothing, response cache included, they write the same bytes", () =>
    Effect.gen(function*() {
      const root = tinyWorkspace([code])
      yield* build(root)
      const first = outputs(root)
      rmSync(join(root, "languages", code, "out"), { recursive: true })
      rmSync(join(root, ".finerweb"), { recursive: true })
      yield* build(root)
      const second = outputs(root)
      assert.deepStrictEqual(Object.keys(second), Object.keys(first))
      for (const name of Object.keys(first)) assert.strictEqual(second[name], first[name], name)
    }))
})
