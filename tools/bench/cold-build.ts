/**
 * The cold build of this workspace beside the cold build of an earlier commit, in one run: each in a fresh clone
 * (sharing this checkout's node_modules), with an empty Nx cache and no LLM response cache, timed side by side.
 *
 *   npx node tools/bench/cold-build.ts <earlier-commit> [languages=all]
 *
 * Both builds run `nx run-many -t export` as `npm run build` does (without folding the lock); run it on an idle
 * machine, since the two builds share its cores.
 */
import { execFileSync, spawnSync } from "node:child_process"
import { mkdtempSync, rmSync, symlinkSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
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
  const result = spawnSync(
    "nx",
    ["run-many", "-t", "export", "--outputStyle=static", ...(languages === undefined ? [] : ["-p", languages])],
    {
      cwd: folder,
      encoding: "utf8",
      env: {
        ...process.env,
        PATH: `${join(installedRoot, "node_modules/.bin")}:${process.env.PATH}`,
        NX_DAEMON: "false",
        NX_NO_CLOUD: "true",
        NX_TUI: "false",
        NX_CACHE_DIRECTORY: join(folder, ".nx/cache")
      },
      maxBuffer: 256 * 1024 * 1024
    }
  )
  const seconds = (performance.now() - started) / 1000
  if (result.status !== 0) throw new Error(`the cold build in ${folder} failed:\n${result.stdout.slice(-3000)}${result.stderr}`)
  const tasks = [...result.stdout.matchAll(/^> nx run \S+/gm)].length
  return { seconds, tasks }
}

const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: installedRoot, encoding: "utf8" }).trim()
const folders = { [earlier]: clone(earlier), [head]: clone("HEAD") }
try {
  const times = Object.fromEntries(Object.entries(folders).map(([commit, folder]) => [commit, coldBuild(folder)]))
  const minutes = (seconds: number) => `${Math.floor(seconds / 60)}m${(seconds % 60).toFixed(1).padStart(4, "0")}s`
  console.log(`cold build of ${languages ?? "all languages"} (nx run-many -t export, Nx's default parallelism), wall time`)
  for (const [commit, { seconds, tasks }] of Object.entries(times)) {
    console.log(`${commit.padEnd(12)} ${minutes(seconds).padStart(9)}  ${tasks} tasks`)
  }
  console.log(`ratio ${head} / ${earlier}: ${(times[head].seconds / times[earlier].seconds).toFixed(3)}`)
} finally {
  for (const folder of Object.values(folders)) rmSync(folder, { recursive: true, force: true })
}
