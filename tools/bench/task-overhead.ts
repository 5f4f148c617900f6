/**
 * Per-task overhead of a build: what one Nx task costs before and around its stage's own work. Times, side by
 * side in one run, a bare `node` start, the CLI's `--help`, and the export and annotate stages of one language
 * whose upstream outputs exist (annotate answered from the response cache), each as a fresh process as Nx runs it.
 *
 *   npx nx run afr_Latn:export && npx node tools/bench/task-overhead.ts [language=afr_Latn] [runs=10]
 */
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { installedRoot as workspaceRoot } from "#workspace"

const language = process.argv[2] ?? "afr_Latn"
const runs = Number(process.argv[3] ?? 10)
const timeBinary = existsSync("/usr/bin/time") ? "/usr/bin/time" : null

const measure = (args: ReadonlyArray<string>) => {
  const times: Array<number> = []
  let peak = 0
  for (let run = 0; run < runs; run++) {
    const started = performance.now()
    const result = timeBinary
      ? spawnSync(timeBinary, ["-f", "%M", process.execPath, ...args], { cwd: workspaceRoot, encoding: "utf8" })
      : spawnSync(process.execPath, args, { cwd: workspaceRoot, encoding: "utf8" })
    times.push(performance.now() - started)
    if (result.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${result.stderr}`)
    if (timeBinary) peak = Math.max(peak, Number(result.stderr.trim().split("\n").pop()))
  }
  times.sort((a, b) => a - b)
  return { median: times[Math.floor(runs / 2)], peak }
}

const cases: Array<[string, Array<string>]> = [
  ["node -e 0", ["-e", "0"]],
  ["finerweb --help", ["tools/cli/main.ts", "--help"]],
  [`finerweb export ${language}`, ["tools/cli/main.ts", "export", language]],
  [`finerweb annotate ${language} (cached answers)`, ["tools/cli/main.ts", "annotate", language]]
]
const base = measure(cases[0][1]).median
console.log(`${runs} runs each, median wall time; ratio to a bare node start; peak RSS`)
for (const [name, args] of cases) {
  const { median, peak } = measure(args)
  const memory = timeBinary ? `${(peak / 1024).toFixed(0)} MiB` : "n/a (no /usr/bin/time)"
  console.log(`${name.padEnd(44)} ${median.toFixed(0).padStart(6)} ms  x${(median / base).toFixed(1).padStart(5)}  ${memory}`)
}
