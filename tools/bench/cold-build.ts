/**
 * The cold build of this workspace beside the cold build of an earlier commit, in one run: each in a fresh clone
 * (sharing this checkout's node_modules), with an empty Nx cache and no LLM response cache, timed side by side.
 *
 *   npx node tools/bench/cold-build.ts <earlier-commit> [languages=all]
 *
 * Both builds run `nx run-many -t export` as `npm run build` does (without folding the lock); run it on an idle
 * machine, since the two builds share its cores. Besides the wall time it reads the task timings Nx records
 * (`NX_PROFILE`): the median task, the median translate task (the stage with the least work of its own, so nearly
 * all overhead when each task is a process) and the time no task was running (Nx's own work and starting processes).
 */
import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { run } from "#testing"
import { installedRoot } from "#workspace"

const [earlier, languages] = process.argv.slice(2)
if (earlier === undefined) throw new Error("usage: cold-build.ts <earlier-commit> [comma-separated languages]")

const clone = (commit: string) => {
  const folder = mkdtempSync(join(tmpdir(), "finerweb-cold-"))
  execFileSync("git", ["clone", "--quiet", "--no-checkout", installedRoot, folder])
  execFileSync("git", ["checkout", "--quiet", commit], { cwd: folder })
  symlinkSync(join(installedRoot, "node_modules"), join(folder, "node_modules"), "dir")
  return folder
}

/** A task as Nx's profile records it: a trace event, times in microseconds. */
interface Timing {
  readonly name: string
  readonly ph: string
  readonly ts: number
  readonly dur: number
}

const median = (values: ReadonlyArray<number>) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor(sorted.length / 2)]
}

/** Milliseconds between the first task's start and the last one's end in which no task was running. */
const idle = (tasks: ReadonlyArray<Timing>) => {
  const spans = tasks.map(({ ts, dur }) => [ts, ts + dur]).sort(([a], [b]) => a - b)
  let gaps = 0
  let reached = spans[0][0]
  for (const [start, end] of spans) {
    gaps += Math.max(0, start - reached)
    reached = Math.max(reached, end)
  }
  return gaps / 1000
}

const coldBuild = (folder: string) => {
  const started = performance.now()
  const result = run(
    folder,
    "nx",
    ["run-many", "-t", "export", "--outputStyle=static", ...(languages === undefined ? [] : ["-p", languages])],
    { NX_CACHE_DIRECTORY: join(folder, ".nx/cache"), NX_PROFILE: "profile.json" },
    3600
  )
  const seconds = (performance.now() - started) / 1000
  if (result.status !== 0) throw new Error(`the cold build in ${folder} failed:\n${result.stdout.slice(-3000)}${result.stderr}`)
  const tasks = (JSON.parse(readFileSync(join(folder, "profile.json"), "utf8")) as Array<Timing>).filter(({ ph }) => ph === "X")
  const milliseconds = (timings: ReadonlyArray<Timing>) => median(timings.map(({ dur }) => dur / 1000))
  return {
    seconds,
    tasks: tasks.length,
    medianTask: milliseconds(tasks),
    medianTranslate: milliseconds(tasks.filter(({ name }) => name.endsWith(":translate"))),
    idle: idle(tasks)
  }
}

const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: installedRoot, encoding: "utf8" }).trim()
// An array, not an object: a short hash of digits only would be an integer key and change the order.
const builds = [{ commit: earlier, folder: clone(earlier) }, { commit: head, folder: clone("HEAD") }]
try {
  const times = builds.map(({ commit, folder }) => ({ commit, ...coldBuild(folder) }))
  const minutes = (seconds: number) => `${Math.floor(seconds / 60)}m${(seconds % 60).toFixed(1).padStart(4, "0")}s`
  const ms = (value: number) => `${value.toFixed(0)} ms`.padStart(12)
  console.log(`cold build of ${languages ?? "all languages"} (nx run-many -t export, Nx's default parallelism)`)
  console.log(`${"commit".padEnd(12)} ${"wall".padStart(9)} ${"tasks".padStart(6)} ${"wall/task".padStart(12)} ${"median task".padStart(12)} ${"median transl.".padStart(15)} ${"no task ran".padStart(12)}`)
  for (const { commit, seconds, tasks, medianTask, medianTranslate, idle } of times) {
    console.log(
      `${commit.padEnd(12)} ${minutes(seconds).padStart(9)} ${String(tasks).padStart(6)} ${ms((seconds * 1000) / tasks)} ` +
        `${ms(medianTask)} ${ms(medianTranslate).padStart(15)} ${ms(idle)}`
    )
  }
  console.log(`ratio ${head} / ${earlier}: ${(times[1].seconds / times[0].seconds).toFixed(3)}`)
  console.log(
    `per-task overhead (median translate task, ${earlier} minus ${head}): ${(times[0].medianTranslate - times[1].medianTranslate).toFixed(0)} ms`
  )
} finally {
  for (const { folder } of builds) rmSync(folder, { recursive: true, force: true })
}
