import { randomBytes } from "node:crypto"
import { mkdtempSync, readdirSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { pinnedStages } from "#stages"
import {
  type CacheServer,
  filesContaining,
  gitWorkspace,
  languageOutputs,
  nxTasks,
  run,
  type Run,
  spawnCacheServer
} from "#testing"

/**
 * Nx's remote cache through its self-hosted cache API, against the test cache server on loopback: one workspace
 * builds three languages and stores every task; a second, clean one (no outputs, an empty local cache) pointed at the
 * same server restores them all without running one.
 */

const languages = ["afr_Latn", "amh_Ethi", "tha_Thai"]
const stages = pinnedStages
const allTasks = languages.flatMap((code) => stages.map((stage) => `${code}:${stage}`)).sort()

describe("a build shared through Nx's remote cache", () => {
  // Random, so that finding it anywhere means it leaked from this run.
  const token = `finerweb-test-${randomBytes(12).toString("hex")}`
  let store: string
  let server: CacheServer
  const roots: Array<string> = []
  const runs: Array<Run> = []
  const build = (root: string) => {
    const result = run(root, "nx", ["run-many", "-t", "export", "--outputStyle=static", "--parallel=2"], {
      NX_CACHE_DIRECTORY: join(root, ".nx/cache"),
      NX_SELF_HOSTED_REMOTE_CACHE_SERVER: server.url,
      NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: token
    })
    expect(result.status, result.stdout + result.stderr).toBe(0)
    runs.push(result)
    return nxTasks(result.stdout)
  }
  let first: ReturnType<typeof nxTasks>
  let second: ReturnType<typeof nxTasks>
  beforeAll(async () => {
    store = mkdtempSync(join(tmpdir(), "finerweb-remote-cache-"))
    server = await spawnCacheServer(store, token)
    roots.push(gitWorkspace(languages), gitWorkspace(languages))
    first = build(roots[0])
    second = build(roots[1])
  }, 600_000)
  afterAll(async () => {
    await server?.stop()
    for (const folder of [store, ...roots]) rmSync(folder, { recursive: true, force: true })
  })

  it("the first workspace runs all 21 tasks and the server stores one artifact for each", () => {
    expect(first.map(({ task }) => task).sort()).toEqual(allTasks)
    expect(first.filter(({ source }) => source !== "run")).toEqual([])
    expect(readdirSync(store).filter((name) => /^[0-9]+$/.test(name))).toHaveLength(allTasks.length)
    expect(readdirSync(store).filter((name) => name.endsWith(".tmp"))).toEqual([])
  })

  it("a clean second workspace runs none of them: each comes from the remote cache", () => {
    expect(second.map(({ task }) => task).sort()).toEqual(allTasks)
    expect(second.filter(({ source }) => source !== "remote cache")).toEqual([])
  })

  it("restores every output byte for byte", () => {
    const [built, restored] = roots.map(languageOutputs)
    expect([...restored.keys()]).toEqual([...built.keys()])
    // Each stage writes at least a manifest; export writes nine files per language.
    expect(built.size).toBeGreaterThanOrEqual(languages.length * (stages.length + 8))
    expect(built.has("languages/tha_Thai/out/export/tha_Thai.jsonl")).toBe(true)
    for (const [path, bytes] of built) expect(restored.get(path)?.equals(bytes), path).toBe(true)
  })

  it("a workspace with another token stops with the server's refusal rather than building alone", () => {
    const root = gitWorkspace(["afr_Latn"])
    roots.push(root)
    const result = run(root, "nx", ["run-many", "-t", "export", "--outputStyle=static"], {
      NX_CACHE_DIRECTORY: join(root, ".nx/cache"),
      NX_SELF_HOSTED_REMOTE_CACHE_SERVER: server.url,
      NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: "another-token"
    })
    expect(result.status).not.toBe(0)
    expect(result.stderr).toContain("Unauthorized: missing or invalid access token")
    expect(nxTasks(result.stdout)).toEqual([])
    expect(readdirSync(store)).toHaveLength(allTasks.length)
  })

  it("never writes the access token to a log, an artifact or a file of either workspace", () => {
    for (const { stdout, stderr } of runs) expect(stdout + stderr).not.toContain(token)
    expect(filesContaining([store, ...roots], token)).toEqual([])
  })
})
