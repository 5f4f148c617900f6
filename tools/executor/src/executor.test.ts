import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join, relative } from "node:path"
import type { BatchExecutorTaskResult } from "nx/src/config/misc-interfaces.js"
import type { ExecutorContext, Task, TaskGraph } from "nx/src/devkit-exports.js"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { pinnedStages, stageNames } from "#stages"
import { finerweb, run, scratchWorkspace } from "#testing"
import { installedRoot } from "#workspace"
import { runStageBatch } from "./executor.ts"
import { Context, Stream } from "effect"
import { runTasksOnWorkers, waves } from "./batch.ts"
import type { StageTask, TaskOutcome } from "./tasks.ts"

/** Every file under `root`'s language outputs, by path from the root, with its bytes. */
const outputs = (root: string) =>
  Object.fromEntries(
    readdirSync(join(root, "languages"), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.parentPath.includes("/out/"))
      .map((entry) => {
        const file = join(entry.parentPath, entry.name)
        return [relative(root, file), readFileSync(file, "utf8")]
      })
      .sort(([a], [b]) => a.localeCompare(b))
  )

const task = (id: string, dependsOn: ReadonlyArray<string> = []): StageTask => {
  const [language, stage] = id.split(":")
  return { id, stage: stage as StageTask["stage"], language, dependsOn }
}

describe("waves", () => {
  it("puts each task after the tasks of the batch it depends on, and ignores dependencies outside the batch", () => {
    const ids = (tasks: ReadonlyArray<ReadonlyArray<StageTask>>) => tasks.map((wave) => wave.map(({ id }) => id))
    expect(ids(waves([
      task("a:export", ["a:judge", "a:translate"]),
      task("a:judge", ["a:annotate"]),
      task("a:translate", ["a:annotate"]),
      task("b:judge", ["b:annotate"]),
      task("a:annotate", ["a:score"])
    ]))).toEqual([["b:judge", "a:annotate"], ["a:judge", "a:translate"], ["a:export"]])
  })

  it("names the tasks of a cycle instead of waiting forever", () => {
    expect(() => waves([task("a:judge", ["a:export"]), task("a:export", ["a:judge"])])).toThrow(/a cycle among a:judge, a:export/)
  })
})

describe("executors.json", () => {
  it("declares one batching executor per stage of the table, each running this folder's code", () => {
    const declared = JSON.parse(readFileSync(join(installedRoot, "tools/executor/nx/executors.json"), "utf8")).executors
    expect(Object.keys(declared)).toEqual([...stageNames])
    for (const stage of stageNames) {
      expect(declared[stage]).toMatchObject({
        implementation: "../src/executor.ts#runStageTask",
        batchImplementation: "../src/executor.ts#runStageBatch",
        preferBatch: true
      })
    }
  })
})

/** A batch as Nx hands it to the executor: the tasks, what each waits for, and each one's options. */
const batchOf = (tasks: ReadonlyArray<StageTask>) => {
  const nxTask = ({ id, stage, language }: StageTask) =>
    ({ id, target: { project: language, target: stage }, overrides: {}, outputs: [], parallelism: true }) as unknown as Task
  const graph: TaskGraph = {
    roots: tasks.filter((t) => t.dependsOn.length === 0).map((t) => t.id),
    tasks: Object.fromEntries(tasks.map((t) => [t.id, nxTask(t)])),
    dependencies: Object.fromEntries(tasks.map((t) => [t.id, [...t.dependsOn]])),
    continuousDependencies: Object.fromEntries(tasks.map((t) => [t.id, []]))
  }
  return { graph, options: Object.fromEntries(tasks.map((t) => [t.id, { stage: t.stage }])) }
}

const runBatch = async (root: string, tasks: ReadonlyArray<StageTask>) => {
  const { graph, options } = batchOf(tasks)
  const results: Array<BatchExecutorTaskResult> = []
  for await (const result of runStageBatch(graph, options, {}, { root } as ExecutorContext)) results.push(result)
  return Object.fromEntries(results.map(({ task, result }) => [task, result]))
}

describe("the batch executor, called as Nx calls it", () => {
  const languages = ["afr_Latn", "tha_Thai", "eng_Latn"]
  const samples = languages.map((code) => task(`${code}:sample`))
  const scores = languages.map((code) => task(`${code}:score`, [`${code}:sample`]))
  let results: Awaited<ReturnType<typeof runBatch>>
  let batched: string
  let threaded: string
  let alone: string
  beforeAll(() => {
    batched = scratchWorkspace(languages)
    threaded = scratchWorkspace(languages)
    alone = scratchWorkspace(languages)
    // English's language.json is cut short in all three: its sample fails, and the others must not notice.
    for (const root of [batched, threaded, alone]) {
      const file = join(root, "languages/eng_Latn/language.json")
      writeFileSync(file, readFileSync(file, "utf8").slice(0, 40))
    }
  })
  afterAll(() => {
    for (const root of [batched, threaded, alone]) rmSync(root, { recursive: true, force: true })
  })

  it("runs each stage after the one it reads, fails the broken task alone with its message, and skips what follows it", async () => {
    results = await runBatch(batched, [...scores, ...samples])
    expect(Object.keys(results).sort()).toEqual([...samples, ...scores].map(({ id }) => id).sort())
    for (const code of ["afr_Latn", "tha_Thai"]) {
      expect(results[`${code}:sample`]).toMatchObject({ success: true, status: "success" })
      expect(results[`${code}:score`]).toMatchObject({ success: true, status: "success" })
      expect(results[`${code}:score`].terminalOutput).toMatch(
        new RegExp(`^\\[finerweb\\] scorer: finerweb-heuristic-scorer v1 runs on cpu\n\\[finerweb\\] score ${code}: kept \\d+ of \\d+ passages`)
      )
      // Score read sample's passages: it ran after them.
      expect(results[`${code}:score`].startTime).toBeGreaterThanOrEqual(results[`${code}:sample`].endTime as number)
      expect(existsSync(join(batched, `languages/${code}/out/score/passages.jsonl`))).toBe(true)
    }
    expect(results["eng_Latn:sample"]).toMatchObject({ success: false, status: "failure" })
    expect(results["eng_Latn:sample"].terminalOutput).toMatch(/^finerweb: languages\/eng_Latn\/language\.json: not JSON/)
    expect(results["eng_Latn:score"]).toMatchObject({ success: false, status: "skipped", terminalOutput: "" })
    expect(existsSync(join(batched, "languages/eng_Latn/out"))).toBe(false)
  })

  it("on two worker threads (as a batch of many tasks runs), ends each task as in one thread", async () => {
    const outcomes: Array<TaskOutcome> = []
    for await (const outcome of Stream.toAsyncIterableWith(runTasksOnWorkers(threaded, [...samples, ...scores], 2, 2), Context.empty())) {
      outcomes.push(outcome)
    }
    const status = Object.fromEntries(outcomes.map(({ id, status }) => [id, status]))
    expect(status).toEqual({
      "afr_Latn:sample": "success",
      "tha_Thai:sample": "success",
      "eng_Latn:sample": "failure",
      "afr_Latn:score": "success",
      "tha_Thai:score": "success",
      "eng_Latn:score": "skipped"
    })
    expect(outcomes.find(({ id }) => id === "eng_Latn:sample")?.terminalOutput).toMatch(
      /^finerweb: languages\/eng_Latn\/language\.json: not JSON/
    )
    expect(outputs(threaded)).toEqual(outputs(batched))
  })

  it("writes the same bytes, and prints the same lines, as the CLI run once per task", () => {
    const printed: Record<string, string> = {}
    for (const stage of ["sample", "score"]) {
      for (const code of languages) {
        const result = finerweb(alone, [stage, code])
        printed[`${code}:${stage}`] = result.stdout + result.stderr
      }
    }
    expect(Object.keys(outputs(alone)).length).toBeGreaterThan(0)
    expect(outputs(batched)).toEqual(outputs(alone))
    expect(outputs(threaded)).toEqual(outputs(alone))
    // English's score, skipped in the batch, is left out: the CLI runs it and fails on the missing passages.
    for (const id of [...samples, ...scores].map(({ id }) => id).filter((id) => id !== "eng_Latn:score")) {
      expect(results[id].terminalOutput, id).toBe(printed[id])
    }
    expect(printed["afr_Latn:score"]).toMatch(/^\[finerweb\] scorer: .* runs on cpu\n\[finerweb\] score afr_Latn: kept/)
    expect(printed["eng_Latn:sample"]).toMatch(/^finerweb: languages\/eng_Latn\/language\.json: not JSON/)
  })

  it("fails a task whose options name no stage, before running any", async () => {
    const { graph } = batchOf([task("afr_Latn:sample")])
    const batch = runStageBatch(graph, { "afr_Latn:sample": { stage: "tokenize" } }, {}, { root: batched } as ExecutorContext)
    await expect(batch.next()).rejects.toThrow(
      "afr_Latn:sample: the stage executor's option stage is \"tokenize\", not one of sample, rate, score, annotate-second, annotate, judge, translate, export, evaluate"
    )
  })
})

/**
 * The tasks of an Nx run's output, once each (Nx names a task again with its output when it runs in a batch of its
 * own, and a failed one again at the end), with whether each came from the cache.
 */
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, "")

const tasksOf = (stdout: string) => {
  const cached = new Map<string, boolean>()
  for (const [, id, note] of plain(stdout).matchAll(/^> nx run (\S+:\S+)(.*)$/gm)) {
    cached.set(id, /cache/.test(note))
  }
  return [...cached].map(([id, fromCache]) => ({ id, cached: fromCache }))
}

describe("Nx with the stage executor", () => {
  const languages = ["afr_Latn", "tha_Thai"]
  const roots: Array<string> = []
  const workspace = () => {
    const root = scratchWorkspace(languages)
    cpSync(join(installedRoot, "package-lock.json"), join(root, "package-lock.json"))
    run(root, "git", ["init", "-q"])
    roots.push(root)
    return root
  }
  // Each workspace its own Nx cache, so that no earlier run answers a cold build.
  // Nx colours its output under CI=true even into a pipe: the assertions read the text without the colours.
  const nx = (root: string, args: ReadonlyArray<string>, env: Record<string, string> = {}) => {
    const result = run(root, "nx", [...args, "--outputStyle=static"], { NX_CACHE_DIRECTORY: join(root, ".nx/cache"), ...env })
    return { ...result, stdout: plain(result.stdout), stderr: plain(result.stderr) }
  }
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true })
  })

  // Three builds of two languages: minutes on a busy machine.
  it("batches each stage by default, caches every task on its own, and writes what one process per task writes", { timeout: 600_000 }, () => {
    const batched = workspace()
    const cold = nx(batched, ["run-many", "-t", "export"])
    expect(cold.status, cold.stdout + cold.stderr).toBe(0)
    for (const stage of pinnedStages) {
      expect(cold.stdout).toContain(`Running 2 tasks with ./tools/executor/nx:${stage}`)
    }
    expect(tasksOf(cold.stdout)).toHaveLength(2 * pinnedStages.length)
    expect(tasksOf(cold.stdout).filter(({ cached }) => cached)).toEqual([])
    // Each task's own lines, as Nx shows and caches them.
    expect(cold.stdout).toMatch(/^> nx run tha_Thai:export\s*\n\s*\[finerweb\] export tha_Thai: \d+ sentences/m)

    const warm = nx(batched, ["run-many", "-t", "export"])
    expect(warm.status, warm.stdout + warm.stderr).toBe(0)
    expect(tasksOf(warm.stdout).filter(({ cached }) => !cached)).toEqual([])
    expect(tasksOf(warm.stdout)).toHaveLength(2 * pinnedStages.length)

    const alone = workspace()
    const unbatched = nx(alone, ["run-many", "-t", "export"], { NX_BATCH_MODE: "false" })
    expect(unbatched.status, unbatched.stdout + unbatched.stderr).toBe(0)
    expect(unbatched.stdout).not.toContain("Running 2 tasks with")
    expect(tasksOf(unbatched.stdout)).toHaveLength(2 * pinnedStages.length)
    expect(outputs(batched)).toEqual(outputs(alone))
    expect(Object.keys(outputs(batched))).toContain("languages/afr_Latn/out/export/lock.json")
  })

  it("runs one task alone with `nx run`, and fails one broken language alone, naming its file", { timeout: 300_000 }, () => {
    const root = workspace()
    const one = nx(root, ["run", "afr_Latn:sample"])
    expect(one.status, one.stdout + one.stderr).toBe(0)
    expect(one.stdout).toMatch(/\[finerweb\] sample afr_Latn: \d+ passages/)
    // Still JSON, which the plugin reads, but no script the schema knows, which the stage reads.
    const file = join(root, "languages/tha_Thai/language.json")
    writeFileSync(file, readFileSync(file, "utf8").replace(`"script": "Thai"`, `"script": "Tibt"`))
    const broken = nx(root, ["run-many", "-t", "score"])
    expect(broken.status).not.toBe(0)
    expect(broken.stdout).toMatch(/^> nx run tha_Thai:sample\s*\n\s*finerweb: languages\/tha_Thai\/language\.json: .*script/m)
    // tha_Thai:score never ran.
    expect(tasksOf(broken.stdout).map(({ id }) => id).sort()).toEqual(["afr_Latn:sample", "afr_Latn:score", "tha_Thai:sample"])
    expect(existsSync(join(root, "languages/afr_Latn/out/score/passages.jsonl"))).toBe(true)
  })
})
