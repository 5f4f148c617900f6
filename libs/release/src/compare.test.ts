import { NodeServices } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { folderDifferences } from "./compare.ts"

// sha256 of "a\n" and of "b\n", by sha256sum.
const a = "87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7"
const b = "0263829989b6fd954f72baaf2fc64bc2e2f01d692d4de72986ea808f6e99813f"

const folder = () => {
  const root = mkdtempSync(join(tmpdir(), "finerweb-compare-"))
  mkdirSync(join(root, "conll"))
  writeFileSync(join(root, "conll/afr_Latn.conll"), "a\n")
  writeFileSync(join(root, "README.md"), "b\n")
  return root
}

const differences = (root: string, expected: Parameters<typeof folderDifferences>[1], ignored?: Array<string>) =>
  folderDifferences(root, expected, ignored).pipe(Effect.provide(NodeServices.layer))

describe("folderDifferences", () => {
  it.effect("none when the folder holds exactly the expected bytes, in any order", () =>
    Effect.gen(function*() {
      const root = folder()
      assert.deepStrictEqual(
        yield* differences(root, [{ path: "README.md", sha256: b, bytes: 2 }, { path: "conll/afr_Latn.conll", sha256: a, bytes: 2 }]),
        []
      )
    }))

  it.effect("names a file with other bytes (both digests and sizes), a missing one and one not expected, by path", () =>
    Effect.gen(function*() {
      const root = folder()
      writeFileSync(join(root, "notes.txt"), "a\n")
      writeFileSync(join(root, "manifest.json"), "{}")
      const lines = yield* differences(root, [
        { path: "conll/afr_Latn.conll", sha256: b, bytes: 3 },
        { path: "jsonl/afr_Latn.jsonl", sha256: a, bytes: 2 },
        { path: "README.md", sha256: b, bytes: 2 }
      ], ["manifest.json"])
      assert.deepStrictEqual(lines, [
        `conll/afr_Latn.conll: sha256 ${a} (2 bytes), expected ${b} (3 bytes)`,
        "jsonl/afr_Latn.jsonl: missing",
        "notes.txt: not expected"
      ])
    }))

  it.effect("a folder that does not exist: every expected file is missing", () =>
    Effect.gen(function*() {
      const lines = yield* differences(join(folder(), "absent"), [{ path: "README.md", sha256: b, bytes: 2 }])
      assert.deepStrictEqual(lines, ["README.md: missing"])
    }))
})
