/**
 * The cold build of this workspace beside the cold build of an earlier commit, in one run: each in a fresh clone
 * (sharing this checkout's node_modules), with an empty Nx cache and no LLM response cache, timed side by side.
 *
 *   npx node tools/bench/cold-build.ts <earlier-commit> [languages=all]
 *
 * Both builds run `nx run-many -t export` as `npm run build` does (without folding the lock); run it on an idle
 * machine, since the two builds share its cores.
 */
import { execFileSync } from "node:child_process"
import { mkdtempSync, rmSync, symlinkSync } from "node:fs"
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

const coldBuild = (folder: string) => {
  const started = performance.now()
  const result = run(
    folder,
    "nx",
    ["run-many", "-t", "export", "--outputStyle=static", ...(languages === undefined ? [] : ["-p", languages])],
    { NX_CACHE_DIRECTORY: join(folder, ".nx/cache") },
    3600
  )
  const seconds = (performance.now() - started) / 1000
  if (result.status !== 0) throw new Error(`the cold build in ${folder} failed:\n${result.stdout.slice(-3000)}${result.stderr}`)
  const tasks = [...result.stdout.matchAll(/^> nx run \S+/gm)].length
  return { seconds, tasks }
}

const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: installedRoot, encoding: "utf8" }).trim()
// An array, not an object: a short hash of digits only would be an integer key and change the order.
const builds = [{ commit: earlier, folder: clone(earlier) }, { commit: head, folder: clone("HEAD") }]
try {
  const times = builds.map(({ commit, folder }) => ({ commit, ...coldBuild(folder) }))
  const minutes = (seconds: number) => `${Math.floor(seconds / 60)}m${(seconds % 60).toFixed(1).padStart(4, "0")}s`
  console.log(`cold build of ${languages ?? "all languages"} (nx run-many -t export, Nx's default parallelism), wall time`)
  for (const { commit, seconds, tasks } of times) console.log(`${commit.padEnd(12)} ${minutes(seconds).padStart(9)}  ${tasks} tasks`)
  console.log(`ratio ${head} / ${earlier}: ${(times[1].seconds / times[0].seconds).toFixed(3)}`)
} finally {
  for (const { folder } of builds) rmSync(folder, { recursive: true, force: true })
}
