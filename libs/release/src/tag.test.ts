import { createHash } from "node:crypto"
import { appendFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { commitAll, finerweb, git, gitWorkspace, run } from "#testing"
import { installedRoot } from "#workspace"

/**
 * `finerweb release <version>` and `finerweb release rebuild <version>` on a scratch git repository of one language,
 * built by Nx once before the tests (export, the release folder, the folded lock) and committed.
 */

const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex")

/** What the CLI printed on stderr from its error line on (a rebuild's Nx output comes before it). */
const errorLines = (stderr: string) => {
  const lines = stderr.split("\n").filter((line) => line !== "")
  return lines.slice(lines.findIndex((line) => line.startsWith("finerweb: ")))
}

/** Every file under a folder, relative to it, in code-unit order. */
const filesUnder = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort()

const installedVersion = (name: string) =>
  (JSON.parse(readFileSync(join(installedRoot, "node_modules", name, "package.json"), "utf8")) as { version: string }).version

describe("release tags", () => {
  let root: string
  const at = (file: string) => join(root, file)
  const tags = () => git(root, "tag", "--list").split("\n").filter((line) => line !== "")

  beforeAll(() => {
    root = gitWorkspace(["tha_Thai"])
    const built = run(root, "nx", ["run", "finerweb:release", "--outputStyle=static"])
    expect(built.status, built.stdout + built.stderr).toBe(0)
    expect(finerweb(root, ["lock", "fold"]).status).toBe(0)
    commitAll(root, "one language, built")
  }, 180_000)
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it("refuses a version that is not semver, naming it", () => {
    const result = finerweb(root, ["release", "1.0"])
    expect(result.status).toBe(1)
    expect(errorLines(result.stderr)).toEqual([
      "finerweb: '1.0' is not a semantic version: MAJOR.MINOR.PATCH, e.g. 1.2.0 or 1.2.0-rc.1"
    ])
    expect(tags()).toEqual([])
  })

  it("refuses a dirty tree, naming the changed and the untracked paths", () => {
    appendFileSync(at("nx.json"), "\n")
    writeFileSync(at("notes.txt"), "to do\n")
    const result = finerweb(root, ["release", "0.1.0"])
    git(root, "checkout", "--", "nx.json")
    rmSync(at("notes.txt"))
    expect(result.status).toBe(1)
    expect(errorLines(result.stderr)).toEqual([
      "finerweb: the git tree has 2 uncommitted change(s): nx.json, notes.txt; commit or stash them first"
    ])
    expect(tags()).toEqual([])
  })

  it("refuses a lock that disagrees with the outputs, naming the output (the outputs are ignored by git: the tree is clean)", () => {
    const file = at("languages/tha_Thai/out/export/tha_Thai.conll")
    const before = readFileSync(file)
    appendFileSync(file, "x O\n\n")
    const result = finerweb(root, ["release", "0.1.0"])
    writeFileSync(file, before)
    expect(result.status).toBe(1)
    const lines = errorLines(result.stderr)
    expect(lines[0]).toBe("finerweb: datasets.lock disagrees with the outputs:")
    expect(lines[1]).toMatch(/^ {2}languages\/tha_Thai\/out\/export\/tha_Thai\.conll: sha256 [0-9a-f]{64} \(\d+ bytes\), the lock pins /)
    expect(lines).toHaveLength(2)
    expect(tags()).toEqual([])
  })

  it("refuses a release folder that is not what the outputs gather into, naming the file", () => {
    const file = at("release/conll/tha_Thai.conll")
    const before = readFileSync(file)
    writeFileSync(file, "")
    const result = finerweb(root, ["release", "0.1.0"])
    writeFileSync(file, before)
    expect(result.status).toBe(1)
    expect(errorLines(result.stderr)).toEqual([
      "finerweb: release/ is not what the current outputs gather into (run npx nx run finerweb:release):",
      `  conll/tha_Thai.conll: sha256 ${sha256("")} (0 bytes), expected ${sha256(before)} (${before.length} bytes)`
    ])
    expect(tags()).toEqual([])
  })

  it("tags HEAD with an annotated tag whose message records the lock's and the manifest's sha256, and writes the manifest", () => {
    const result = finerweb(root, ["release", "0.1.0"])
    expect(result.status, result.stderr).toBe(0)
    const head = git(root, "rev-parse", "HEAD").trim()
    const lockSha256 = sha256(readFileSync(at("datasets.lock")))
    const manifestText = readFileSync(at("release/manifest.json"), "utf8")

    expect(git(root, "cat-file", "-t", "datasets-v0.1.0").trim()).toBe("tag")
    expect(git(root, "rev-list", "-n", "1", "datasets-v0.1.0").trim()).toBe(head)
    expect(git(root, "tag", "-n1", "--list", "datasets-v*")).toMatch(/^datasets-v0\.1\.0 +finerweb datasets 0\.1\.0$/m)
    const object = git(root, "cat-file", "-p", "datasets-v0.1.0")
    const message = object.slice(object.indexOf("\n\n") + 2)
    expect(message).toBe(
      `finerweb datasets 0.1.0\n\ndatasets.lock sha256 ${lockSha256}\nmanifest sha256 ${sha256(manifestText)}\n` +
        `commit ${head}\n\n${manifestText}`
    )

    const manifest = JSON.parse(manifestText)
    expect(Object.keys(manifest)).toEqual(["commit", "files", "lock", "packages", "tag", "version"])
    expect([manifest.version, manifest.tag, manifest.commit]).toEqual(["0.1.0", "datasets-v0.1.0", head])
    expect(manifest.lock).toEqual({ file: "datasets.lock", sha256: lockSha256 })
    expect(manifest.packages.effect).toBe(installedVersion("effect"))
    expect(manifest.packages.nx).toBe(installedVersion("nx"))
    expect(manifest.packages["onnxruntime-node"]).toBe(installedVersion("onnxruntime-node"))
    expect(manifest.packages.openai).toBe(installedVersion("openai"))
    // Every file of the release folder but the manifest itself, with its digest and size, in path order.
    const release = at("release")
    expect(manifest.files).toEqual(filesUnder(release).filter((file) => file !== "manifest.json").map((file) => {
      const bytes = readFileSync(join(release, file))
      return { bytes: bytes.length, path: file, sha256: sha256(bytes) }
    }))
    expect(manifest.files.map((file: { path: string }) => file.path)).toContain("data/tha/train-00000-of-00001.parquet")
    // The release folder's copy of the lock is the one the tag's commit holds.
    expect(sha256(readFileSync(join(release, "datasets.lock")))).toBe(lockSha256)
    expect(git(root, "status", "--porcelain")).toBe("")
  })

  it("refuses a version that is tagged already", () => {
    const result = finerweb(root, ["release", "0.1.0"])
    expect(result.status).toBe(1)
    expect(errorLines(result.stderr)).toEqual([
      "finerweb: tag datasets-v0.1.0 exists already: choose another version (a released version is never moved)"
    ])
  })

  it("rebuilds a tag in a clean clone with an empty Nx cache, every release file and the lock byte for byte", () => {
    const result = finerweb(root, ["release", "rebuild", "0.1.0"])
    expect(result.status, result.stderr.slice(-3000)).toBe(0)
    const files = filesUnder(at("release")).length - 1
    expect(result.stdout).toContain(
      `datasets-v0.1.0: the rebuild of ${git(root, "rev-parse", "HEAD").trim()} gives all ${files} release files and ` +
        "datasets.lock byte for byte as its manifest pins them"
    )
    // The build ran in the clone, nothing was taken from a cache (Nx colours its output when CI is set).
    const build = result.stderr.replace(/\x1b\[[0-9;]*m/g, "")
    expect(build).toMatch(/^> nx run finerweb:release/m)
    expect(build).not.toMatch(/\[(local|remote) cache\]/)
  }, 180_000)

  it("refuses a tag whose manifest is not the one its message records, before building anything", () => {
    const object = git(root, "cat-file", "-p", "datasets-v0.1.0")
    const message = object.slice(object.indexOf("\n\n") + 2).replace("\"0.1.0\"", "\"0.3.0\"")
    writeFileSync(at(".git/forged-message"), message)
    git(root, "tag", "--annotate", "--cleanup=verbatim", "--file=.git/forged-message", "datasets-v0.3.0")
    const result = finerweb(root, ["release", "rebuild", "0.3.0"])
    expect(result.status).toBe(1)
    expect(errorLines(result.stderr)).toEqual([
      `finerweb: tag datasets-v0.3.0: its manifest has sha256 ${sha256(message.slice(message.indexOf("\n{\n") + 1))}, ` +
        `the message records ${sha256(readFileSync(at("release/manifest.json")))}`
    ])
    expect(finerweb(root, ["release", "rebuild", "9.9.9"]).stderr).toContain(
      "finerweb: tag datasets-v9.9.9: no such tag (git tag --list 'datasets-v*' lists the releases)"
    )
  })
})
