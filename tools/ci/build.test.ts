import { readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { pinnedStages } from "#stages"
import { commitAll, finerweb, git, gitWorkspace, nxTasks, run } from "#testing"

/**
 * The affected rule, on real Nx runs in a scratch git repository of two languages: CI's build (tools/ci/build.ts)
 * after each kind of commit, on what a clean clone has (no outputs, an empty Nx cache), and which tasks ran.
 */

const languages = ["afr_Latn", "tha_Thai"]
/** What `npm run build` runs for a language: the stages the lock pins. */
const stages = pinnedStages
const tasks = (codes: ReadonlyArray<string>) => codes.flatMap((code) => stages.map((stage) => `${code}:${stage}`)).sort()

/** Every task Nx printed, once (Nx names a task of a one-task batch twice), with whether it came from a cache. */
const tasksOf = (stdout: string) =>
  [...new Map(nxTasks(stdout).map(({ task, source }) => [task, { task, cached: source !== "run" }])).values()]

describe("CI builds what the last commit affects", () => {
  let root: string
  const at = (file: string) => join(root, file)
  // CI's Nx cache and a developer's, each inside the workspace: Nx would otherwise share one under ~/.nx.
  const ciCache = () => ({ NX_CACHE_DIRECTORY: at(".nx/cache") })
  /** What a fresh clone of the repository has: no outputs, an empty Nx cache. */
  const clean = () => {
    for (const code of languages) rmSync(at(`languages/${code}/out`), { recursive: true, force: true })
    rmSync(at(".nx/cache"), { recursive: true, force: true })
  }
  const ciBuild = () => {
    const result = run(root, "node", ["tools/ci/build.ts"], ciCache())
    expect(result.status, result.stdout.slice(-3000) + result.stderr).toBe(0)
    const found = tasksOf(result.stdout)
    expect(found.filter((task) => task.cached)).toEqual([])
    return { stdout: result.stdout, ran: found.map((task) => task.task).sort() }
  }
  const lockCheck = () => run(root, "node", ["tools/ci/lock-check.ts"])

  beforeAll(() => {
    root = gitWorkspace(languages)
    commitAll(root, "two languages")
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it("a first commit (no HEAD~1) builds everything, the release too", () => {
    const { stdout, ran } = ciBuild()
    expect(stdout).toContain("[ci] HEAD has no parent commit here (a first commit or a shallow clone): building everything")
    expect(ran).toEqual([...tasks(languages), "finerweb:release"].sort())
    expect(finerweb(root, ["lock", "fold"]).status).toBe(0)
    commitAll(root, "the lock")
  }, 120_000)

  it("one language.json changed: exactly that language's tasks run, and its stale lock entries fail the check", () => {
    const file = at("languages/afr_Latn/language.json")
    writeFileSync(file, readFileSync(file, "utf8").replace("\"passages\": 2500", "\"passages\": 2000"))
    commitAll(root, "afr_Latn: 2000 passages")
    clean()
    const { stdout, ran } = ciBuild()
    expect(stdout).toContain(`[ci] base ${git(root, "rev-parse", "HEAD~1").trim()} (HEAD~1)`)
    expect(ran).toEqual(tasks(["afr_Latn"]))

    // The commit did not update the lock: the check names afr_Latn's entries only, and says tha_Thai was not rebuilt.
    const check = lockCheck()
    expect(check.status).toBe(1)
    expect(check.stdout).toContain("[ci] datasets.lock: checking the 1 language(s) built here: afr_Latn")
    expect(check.stdout).toContain("[ci] not rebuilt, so not checked (no input changed since the base commit): 1 language(s): tha_Thai")
    const problems = check.stdout.split("\n").filter((line) => line.startsWith("  "))
    expect(problems.length).toBeGreaterThan(0)
    for (const line of problems) expect(line).toMatch(/^ {2}languages\/afr_Latn\/out\//)
    expect(problems.join("\n")).toMatch(/^ {2}languages\/afr_Latn\/out\/sample\/lock\.json: inputs\.language [0-9a-f]{12} -> [0-9a-f]{12}/m)
  }, 120_000)

  it("a hand-edited lock entry: that language is rebuilt, though no input changed, and the check names the edited digest", () => {
    const lock = JSON.parse(readFileSync(at("datasets.lock"), "utf8"))
    lock.languages.tha_Thai.export.outputs["tha_Thai.jsonl"].sha256 = "0".repeat(64)
    writeFileSync(at("datasets.lock"), JSON.stringify(lock, null, 2) + "\n")
    commitAll(root, "datasets.lock: an edited digest")
    clean()
    const { stdout, ran } = ciBuild()
    expect(stdout).toContain("[ci] datasets.lock changed for 1 language(s): tha_Thai")
    expect(ran).toEqual(tasks(["tha_Thai"]))
    const check = lockCheck()
    expect(check.status).toBe(1)
    expect(check.stdout).toContain("[ci] datasets.lock: checking the 1 language(s) built here: tha_Thai")
    expect(check.stdout.split("\n").filter((line) => line.startsWith("  "))).toEqual([
      expect.stringMatching(/^ {2}languages\/tha_Thai\/out\/export\/tha_Thai\.jsonl: sha256 [0-9a-f]{64} \(\d+ bytes\), the lock pins 0{64} /),
      expect.stringMatching(/^ {2}languages\/tha_Thai\/out\/export\/lock\.json: outputs tha_Thai\.jsonl sha256 0{12} -> [0-9a-f]{12}$/)
    ])
  }, 120_000)
})
