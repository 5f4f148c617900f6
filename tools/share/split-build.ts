/**
 * One build split across two workers on this machine and shared through Nx's remote cache, then restored: each
 * worker is a clean workspace that builds its half of the languages (`nx run-many -t export --projects=...`, one
 * task at a time, as if each had a one-core machine) and stores every task in the test cache server on loopback; a
 * third clean workspace then runs the whole build and must take every task from that cache, byte for byte.
 *
 *   npx node tools/share/split-build.ts [hash|script] [languages=all, comma-separated]
 *
 * `hash` splits the languages by hash shard (`projects.ts 1/2` and `2/2`), `script` by script tag (Latin script,
 * `tag:script:Latn`, against the rest). Prints the tasks each worker ran and its seconds; exits non-zero when the
 * restore ran a task, missed a file, restored one that differs, or the access token turns up in a log or a file.
 */
import { randomBytes } from "node:crypto"
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { filesContaining, gitWorkspace, languageOutputs, nxTasks, runAsync, spawnCacheServer } from "#testing"
import { installedRoot } from "#workspace"
import { languageProjects, shard } from "./shard.ts"

const mode = process.argv[2] ?? "hash"
if (mode !== "hash" && mode !== "script") throw new Error("usage: split-build.ts [hash|script] [languages]")
const languages = process.argv[3]?.split(",") ?? languageProjects(installedRoot)

const selections: Array<{ readonly name: string; readonly args: ReadonlyArray<string> }> = mode === "hash"
  ? [1, 2].map((index) => ({ name: `hash shard ${index}/2`, args: [`--projects=${shard(languages, index, 2).join(",")}`] }))
  : [
    { name: "tag:script:Latn", args: ["--projects=tag:script:Latn"] },
    { name: "the other scripts", args: ["--projects=tag:type:language", "--exclude=tag:script:Latn"] }
  ]

// Random for this run, so that finding it in a file means it leaked.
const token = randomBytes(16).toString("hex")
const store = mkdtempSync(join(tmpdir(), "finerweb-share-cache-"))
const server = await spawnCacheServer(store, token)

/** `nx run-many -t export` in `root` against the cache server, timed; the workers run side by side. */
const build = async (root: string, args: ReadonlyArray<string>) => {
  const started = performance.now()
  const result = await runAsync(root, "nx", ["run-many", "-t", "export", "--outputStyle=static", ...args], {
    NX_CACHE_DIRECTORY: join(root, ".nx/cache"),
    NX_SELF_HOSTED_REMOTE_CACHE_SERVER: server.url,
    NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: token
  })
  const output = result.stdout + result.stderr
  // Nx exits 130 when a task fails: the task lines say which, so the output goes with the error.
  if (result.status !== 0) throw new Error(`nx ${args.join(" ")} exited ${result.status} in ${root}:\n${output.slice(-3000)}`)
  return { seconds: (performance.now() - started) / 1000, output }
}

const count = (tasks: ReturnType<typeof nxTasks>, source: string) => tasks.filter((task) => task.source === source).length
const roots = [gitWorkspace(languages), gitWorkspace(languages), gitWorkspace(languages)]
try {
  const started = performance.now()
  const workers = await Promise.all(selections.map(({ args }, index) => build(roots[index], [...args, "--parallel=1"])))
  const wall = (performance.now() - started) / 1000
  const restore = await build(roots[2], ["--parallel=2"])

  const restored = nxTasks(restore.output)
  const built = new Map(roots.slice(0, 2).flatMap((root) => [...languageOutputs(root)]))
  const outputs = languageOutputs(roots[2])
  const problems = [
    ...(restored.length === languages.length * 6 ? [] : [`the restore listed ${restored.length} tasks`]),
    ...restored.filter((task) => task.source !== "remote cache").map((task) => `${task.task} came from ${task.source}`),
    ...[...built.keys()].filter((path) => !outputs.has(path)).map((path) => `${path} was not restored`),
    ...[...outputs].filter(([path, bytes]) => !built.get(path)?.equals(bytes)).map(([path]) => `${path} differs`),
    ...[restore, ...workers].filter(({ output }) => output.includes(token)).map(() => "the token is in an Nx log"),
    ...filesContaining([store, ...roots], token).map((file) => `the token is in ${file}`)
  ]

  const artifacts = readdirSync(store)
  const mebibytes = artifacts.reduce((sum, name) => sum + statSync(join(store, name)).size, 0) / 2 ** 20
  console.log(`${languages.length} languages split by ${mode} across two workers (--parallel=1 each), shared through the test cache server`)
  workers.forEach(({ seconds, output }, index) => {
    const tasks = nxTasks(output)
    console.log(
      `worker ${index + 1} (${selections[index].name}): ${count(tasks, "run")} tasks run, ` +
        `${tasks.length - count(tasks, "run")} from a cache, ${seconds.toFixed(1)} s`
    )
  })
  console.log(`both workers, wall: ${wall.toFixed(1)} s; cache server: ${artifacts.length} artifacts, ${mebibytes.toFixed(1)} MiB`)
  // Nx's own count, beside the task lines: "... from the cache instead of running the command for N out of M tasks".
  const summary = /for ([0-9]+) out of ([0-9]+) tasks/.exec(restore.output)
  console.log(
    `restore in a clean workspace: ${count(restored, "run")} tasks run, ${count(restored, "remote cache")} from the remote cache ` +
      `(Nx: ${summary?.[1] ?? "?"} of ${summary?.[2] ?? "?"} from a cache), ` +
      `${restore.seconds.toFixed(1)} s; ${outputs.size} output files, ${problems.length === 0 ? "each byte-identical to the workers'" : "see below"}`
  )
  // The workspaces go; Nx's logs stay.
  const logs = mkdtempSync(join(tmpdir(), "finerweb-share-logs-"))
  for (const [index, { output }] of [...workers, restore].entries()) writeFileSync(join(logs, `nx-${index + 1}.log`), output)
  console.log(`Nx's output: ${logs}/nx-{1,2,3}.log (the workers, then the restore)`)
  if (problems.length > 0) {
    console.error(problems.slice(0, 50).join("\n"))
    process.exitCode = 1
  }
} finally {
  await server.stop()
  for (const folder of [store, ...roots]) rmSync(folder, { recursive: true, force: true })
}
