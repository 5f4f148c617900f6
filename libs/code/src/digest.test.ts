import { execFileSync } from "node:child_process"
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { describe, expect, it } from "vitest"
import { codeDigest } from "./digest.ts"
import { codeGraph } from "./graph.ts"

/** A workspace of three libraries: `a` imports `b`; `c` is imported by nobody. */
const workspace = () => {
  const root = mkdtempSync(join(tmpdir(), "finerweb-code-"))
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ imports: { "#b": "./libs/b/src/index.ts", "#c": "./libs/c/src/index.ts" } }),
    "libs/a/src/index.ts": `import { b } from "#b"\nexport const a = b + 1\n`,
    "libs/a/src/a.test.ts": `import { c } from "#c"\n`,
    "libs/a/src/data.json": `{"not": "code"}\n`,
    "libs/b/src/index.ts": `export { b } from "./b.ts"\n`,
    "libs/b/src/b.ts": `export const b = 1\n`,
    "libs/c/src/index.ts": `export const c = 2\n`
  }
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true })
    writeFileSync(join(root, file), text)
  }
  return root
}

const digest = (root: string) => codeDigest(root, codeGraph(root), ["libs/a"])

describe("codeDigest", () => {
  it("is sha256sum's listing of the sources reached, sorted by path, hashed again", () => {
    const root = workspace()
    const listing = execFileSync("sha256sum", ["libs/a/src/index.ts", "libs/b/src/b.ts", "libs/b/src/index.ts"], { cwd: root })
    const expected = execFileSync("sha256sum", [], { input: listing }).toString().split(" ")[0]
    expect(digest(root)).toBe(expected)
  })

  it("changes with a source the roots import, not with a test, a data file or a library nobody imports", () => {
    const root = workspace()
    const before = digest(root)
    appendFileSync(join(root, "libs/a/src/a.test.ts"), "// a test\n")
    appendFileSync(join(root, "libs/a/src/data.json"), "\n")
    appendFileSync(join(root, "libs/c/src/index.ts"), "// unused\n")
    expect(digest(root)).toBe(before)
    appendFileSync(join(root, "libs/b/src/b.ts"), "// imported\n")
    expect(digest(root)).not.toBe(before)
  })
})
