import { readdirSync, readFileSync } from "node:fs"
import { join, relative } from "node:path"
import { describe, expect, it } from "vitest"
import { pinnedStages } from "#stages"
import { finerweb, scratchWorkspace } from "#testing"

const languages = ["afr_Latn", "tha_Thai"]

/** Every file of the built languages and the lock, by path relative to the workspace. */
const built = (root: string): Map<string, Buffer> =>
  new Map(
    [
      join(root, "datasets.lock"),
      ...readdirSync(join(root, "languages"), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name))
    ].map((file) => [relative(root, file), readFileSync(file)])
  )

const cleanBuild = () => {
  const root = scratchWorkspace(languages)
  for (const code of languages) {
    for (const stage of pinnedStages) expect(finerweb(root, [stage, code]).status, `${stage} ${code}`).toBe(0)
  }
  expect(finerweb(root, ["lock", "fold"]).status).toBe(0)
  return root
}

describe("two clean builds", () => {
  it("in two folders, each with its own empty response cache, give the same lock and the same files, byte for byte", () => {
    const [a, b] = [cleanBuild(), cleanBuild()]
    expect(relative(a, b)).not.toBe("")
    const first = built(a)
    const second = built(b)
    expect([...second.keys()].sort()).toEqual([...first.keys()].sort())
    expect(first.size).toBeGreaterThan(1 + languages.length * pinnedStages.length * 2)
    for (const [file, bytes] of first) expect(second.get(file)?.equals(bytes), file).toBe(true)
  }, 300_000)
})
