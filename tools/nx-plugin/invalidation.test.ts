import { appendFileSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { run, scratchWorkspace, workspaceRoot } from "../testing/scratch-workspace.ts"

/**
 * The invalidation rules, checked on a real Nx run over a copy of the workspace with two languages: which tasks
 * ran and which came from the cache after each kind of edit.
 */

const languages = ["afr_Latn", "tha_Thai"]

/** Builds the two exports and returns the tasks that ran (not restored from the cache), sorted. */
const build = (root: string) => {
  const result = run(root, "nx", ["run-many", "-t", "export", "--outputStyle=static", "--parallel=2"])
  expect(result.status, result.stdout + result.stderr).toBe(0)
  // Nx colours its output when CI is set; the task lines are read without the escape codes.
  const output = result.stdout.replace(/\x1b\[[0-9;]*m/g, "")
  const tasks = [...output.matchAll(/^> nx run (\S+:\S+)(.*)$/gm)]
  expect(tasks).toHaveLength(12)
  return tasks.filter(([, , note]) => !/cache/.test(note)).map(([, task]) => task).sort()
}

const all = (stages: ReadonlyArray<string>, codes = languages) =>
  codes.flatMap((code) => stages.map((stage) => `${code}:${stage}`)).sort()

describe("what an edit reruns", () => {
  let root: string
  beforeAll(() => {
    root = scratchWorkspace(languages)
    cpSync(join(workspaceRoot, "package-lock.json"), join(root, "package-lock.json"))
    cpSync(join(workspaceRoot, ".gitignore"), join(root, ".gitignore"))
    run(root, "git", ["init", "-q"])
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it("a cold build runs all twelve tasks and a second build none", () => {
    expect(build(root)).toEqual(all(["sample", "score", "annotate", "judge", "translate", "export"]))
    expect(build(root)).toEqual([])
  })

  it("deleted outputs come back from the cache", () => {
    const file = join(root, "languages/tha_Thai/out/export/tha_Thai.jsonl")
    const before = readFileSync(file, "utf8")
    rmSync(join(root, "languages/tha_Thai/out"), { recursive: true })
    expect(build(root)).toEqual([])
    expect(readFileSync(file, "utf8")).toBe(before)
  })

  it("editing the annotation prompt reruns annotate and what follows it, in every language, but not sample or score", () => {
    appendFileSync(join(root, "libs/config/prompts/annotate.md"), "\nList nested entities too.\n")
    expect(build(root)).toEqual(all(["annotate", "judge", "translate", "export"]))
  })

  it("editing the judge prompt reruns judge, translate and export only", () => {
    appendFileSync(join(root, "libs/config/prompts/judge.md"), "\nBe strict.\n")
    expect(build(root)).toEqual(all(["judge", "translate", "export"]))
  })

  it("editing one language.json reruns that language's six targets only", () => {
    const file = join(root, "languages/tha_Thai/language.json")
    writeFileSync(file, readFileSync(file, "utf8").replace("\"passages\": 2500", "\"passages\": 2400"))
    expect(build(root)).toEqual(all(["sample", "score", "annotate", "judge", "translate", "export"], ["tha_Thai"]))
  })

  it("adding an unrelated package reruns nothing", () => {
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"))
    manifest.dependencies["is-number"] = "7.0.0"
    writeFileSync(join(root, "package.json"), JSON.stringify(manifest, null, 2))
    const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"))
    lock.packages[""].dependencies["is-number"] = "7.0.0"
    lock.packages["node_modules/is-number"] = {
      version: "7.0.0",
      resolved: "https://registry.npmjs.org/is-number/-/is-number-7.0.0.tgz",
      integrity: "sha512-41Cifkg6e8TylSpdtTpeLVMqvSBEVzTttHvERD741+pnZ8ANv0004MRL43QKPDlK9cGvNp6NZWZUBlbGXYxxng==",
      license: "MIT",
      engines: { node: ">=0.12.0" }
    }
    writeFileSync(join(root, "package-lock.json"), JSON.stringify(lock, null, 2))
    expect(build(root)).toEqual([])
    expect(existsSync(join(root, "languages/afr_Latn/out/export/afr_Latn.jsonl"))).toBe(true)
  })
})
