import { spawn } from "node:child_process"
import { createHash } from "node:crypto"
import { appendFileSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { run, scratchWorkspace } from "#testing"
import { pinnedStages } from "#stages"
import { installedRoot } from "#workspace"

/**
 * The invalidation table, each row a real Nx run over a copy of the workspace with two languages: which tasks ran
 * after each kind of edit (every other task came from the cache). The copy is built once before the rows; each row
 * leaves it built, so a row also passes run alone (`-t`).
 */

const languages = ["afr_Latn", "tha_Thai"]
/** What `nx run-many -t export` runs for a language: the stages the lock pins. */
const stages = pinnedStages

/** Builds the two exports and returns the tasks that ran (not restored from the cache), sorted. */
const build = (root: string) => {
  // Its own cache, so that no earlier run on this machine answers the cold build.
  const result = run(root, "nx", ["run-many", "-t", "export", "--outputStyle=static", "--parallel=2"], {
    NX_CACHE_DIRECTORY: join(root, ".nx/cache")
  })
  expect(result.status, result.stdout + result.stderr).toBe(0)
  // Nx colours its output when CI is set; the task lines are read without the escape codes.
  const output = result.stdout.replace(/\x1b\[[0-9;]*m/g, "")
  // Nx names a task that runs in a batch of its own twice, as it starts the batch and with the task's output.
  const cached = new Map<string, boolean>()
  for (const [, task, note] of output.matchAll(/^> nx run (\S+:\S+)(.*)$/gm)) cached.set(task, /cache/.test(note))
  expect(cached.size).toBe(languages.length * stages.length)
  return [...cached].filter(([, fromCache]) => !fromCache).map(([task]) => task).sort()
}

const tasks = (names: ReadonlyArray<string>, codes = languages) =>
  codes.flatMap((code) => names.map((stage) => `${code}:${stage}`)).sort()

const edit = (file: string, change: (text: string) => string) => writeFileSync(file, change(readFileSync(file, "utf8")))

describe("what an edit reruns", () => {
  let root: string
  let cold: ReadonlyArray<string>
  const at = (file: string) => join(root, file)
  beforeAll(() => {
    root = scratchWorkspace(languages)
    cpSync(join(installedRoot, "package-lock.json"), at("package-lock.json"))
    cpSync(join(installedRoot, ".gitignore"), at(".gitignore"))
    run(root, "git", ["init", "-q"])
    cold = build(root)
  }, 300_000)
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it("a cold build runs every task, a second build none", () => {
    expect(cold).toEqual(tasks(stages))
    expect(build(root)).toEqual([])
  })

  it("deleted outputs come back from the cache, byte for byte", () => {
    const file = at("languages/tha_Thai/out/export/tha_Thai.jsonl")
    const before = readFileSync(file, "utf8")
    rmSync(at("languages/tha_Thai/out"), { recursive: true })
    expect(build(root)).toEqual([])
    expect(readFileSync(file, "utf8")).toBe(before)
  })

  it("an annotate prompt edit reruns annotate and export; what reads annotations reruns only when they change", () => {
    // The offline teacher answers from the passage block alone: this edit leaves its annotations as they were, but
    // the prompt tokens in annotate's manifest change, and export's statistics count them. annotate-second shares the
    // prompt: it reruns, and with no second annotator configured its output stays empty.
    appendFileSync(at("libs/stages/src/annotate/prompt.md"), "\nList nested entities too.\n")
    expect(build(root)).toEqual(tasks(["annotate-second", "annotate", "export"]))
    // This one changes what the block says (the passage's language): the teacher then looks for English names,
    // which changes the Thai annotations (judged, translated and exported again) and not the Afrikaans ones.
    edit(at("libs/stages/src/annotate/prompt.md"), (text) => text.replace(`<passage lang="{{bcp47}}">`, `<passage lang="en">`))
    expect(build(root)).toEqual(
      [...tasks(["annotate-second", "annotate"], ["afr_Latn"]), ...tasks(["annotate-second", "annotate", "judge", "translate", "export"], ["tha_Thai"])].sort()
    )
  })

  it("a judge prompt edit reruns judge and export only", () => {
    appendFileSync(at("libs/stages/src/judge/prompt.md"), "\nBe strict.\n")
    expect(build(root)).toEqual(tasks(["judge", "export"]))
  })

  it("a translate prompt edit reruns translate and export only", () => {
    appendFileSync(at("libs/stages/src/translate/prompt.md"), "\nPrefer the everyday word.\n")
    expect(build(root)).toEqual(tasks(["translate", "export"]))
  })

  it("one language.json reruns that language's tasks only", () => {
    edit(at("languages/tha_Thai/language.json"), (text) => text.replace(`"passages": 2500`, `"passages": 2400`))
    expect(build(root)).toEqual(tasks(stages, ["tha_Thai"]))
  })

  it("a second annotator reruns annotate-second and annotate, which finds the first annotator's answers cached", async () => {
    // The offline teacher as a server of its own, standing in for a second model.
    const teacher = spawn(process.execPath, [join(installedRoot, "libs/teacher/src/main.ts"), "--port", "0"], {
      stdio: ["ignore", "pipe", "inherit"]
    })
    try {
      const baseUrl = await new Promise<string>((resolve) =>
        teacher.stdout.on("data", (data: Buffer) => {
          const found = /http:\/\/\S+/.exec(data.toString())
          if (found !== null) resolve(found[0])
        })
      )
      const config = at("libs/stages/src/annotate-second/config.json")
      const original = readFileSync(config, "utf8")
      writeFileSync(config, JSON.stringify({ annotator: { baseUrl, model: "finerweb-offline-teacher-1" } }))
      const ran = build(root)
      // What reads annotate's output reruns only where the merge changed it (its rejection counts add up).
      expect(ran).toEqual(expect.arrayContaining(tasks(["annotate-second", "annotate", "export"])))
      expect(ran.filter((task) => /:(sample|score)$/.test(task))).toEqual([])
      for (const code of languages) {
        const fragment = (stage: string) => JSON.parse(readFileSync(at(`languages/${code}/out/${stage}/lock.json`), "utf8"))
        const first = fragment("annotate").run as { requests: number; cacheHits: number }
        expect(first.requests).toBeGreaterThan(0)
        expect(first.cacheHits, JSON.stringify(fragment("annotate").run)).toBe(first.requests)
        expect(fragment("annotate-second").inputs.llm).toEqual({ model: "finerweb-offline-teacher-1", endpoint: baseUrl, standIn: false })
        const manifest = JSON.parse(readFileSync(at(`languages/${code}/out/annotate/manifest.json`), "utf8"))
        expect(manifest.secondAnnotator).toBe("finerweb-offline-teacher-1")
      }
      writeFileSync(config, original)
      // Back to one annotator: every task's output is in the cache.
      expect(build(root)).toEqual([])
    } finally {
      teacher.kill()
    }
  }, 300_000)

  it("a new scorer model reruns score, and what follows where the kept passages change", () => {
    // A retrained model, as far as the graph can tell: the scratch workspace's model (the hand-weighted fixture) has its
    // output bias moved from -8.5 to -80, so nothing is kept.
    const model = at("libs/scoring/model/scorer.onnx")
    const bytes = readFileSync(model)
    const [from, to] = [Buffer.alloc(4), Buffer.alloc(4)]
    from.writeFloatLE(-8.5)
    to.writeFloatLE(-80)
    to.copy(bytes, bytes.indexOf(from))
    writeFileSync(model, bytes)
    edit(at("libs/scoring/model/scorer.json"), (text) =>
      text.replace(/"sha256": "[0-9a-f]+"/, `"sha256": "${createHash("sha256").update(bytes).digest("hex")}"`))
    expect(build(root)).toEqual(tasks(["score", "annotate-second", "annotate", "judge", "translate", "export"]))
    expect(readFileSync(at("languages/afr_Latn/out/score/passages.jsonl"), "utf8")).toBe("")
  })

  it("the code of one stage reruns that stage; its data unchanged, nothing after it", () => {
    appendFileSync(at("libs/formats/src/records.ts"), "\n// a comment\n")
    expect(build(root)).toEqual(tasks(["export"]))
    appendFileSync(at("libs/stages/src/judge/judge.ts"), "\n// a comment\n")
    expect(build(root)).toEqual(tasks(["judge"]))
  })

  it("a test file or a test fixture reruns nothing", () => {
    appendFileSync(at("libs/stages/src/judge/parse.test.ts"), "\n// a comment\n")
    appendFileSync(at("libs/stages/src/workspace.fixture.ts"), "\n// a comment\n")
    appendFileSync(at("libs/scoring/src/samples.fixture.ts"), "\n// a comment\n")
    expect(build(root)).toEqual([])
  })

  it("adding an unrelated package reruns nothing", () => {
    const manifest = JSON.parse(readFileSync(at("package.json"), "utf8"))
    manifest.dependencies["is-number"] = "7.0.0"
    writeFileSync(at("package.json"), JSON.stringify(manifest, null, 2))
    const lock = JSON.parse(readFileSync(at("package-lock.json"), "utf8"))
    lock.packages[""].dependencies["is-number"] = "7.0.0"
    lock.packages["node_modules/is-number"] = {
      version: "7.0.0",
      resolved: "https://registry.npmjs.org/is-number/-/is-number-7.0.0.tgz",
      integrity: "sha512-41Cifkg6e8TylSpdtTpeLVMqvSBEVzTttHvERD741+pnZ8ANv0004MRL43QKPDlK9cGvNp6NZWZUBlbGXYxxng==",
      license: "MIT",
      engines: { node: ">=0.12.0" }
    }
    writeFileSync(at("package-lock.json"), JSON.stringify(lock, null, 2))
    expect(build(root)).toEqual([])
    expect(existsSync(at("languages/afr_Latn/out/export/afr_Latn.jsonl"))).toBe(true)
  })
})
