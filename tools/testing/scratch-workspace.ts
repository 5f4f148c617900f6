import { spawnSync } from "node:child_process"
import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { installedRoot } from "#workspace"
import { writeHeuristicScorer } from "./heuristic-scorer.ts"

/**
 * Copies the workspace's sources and the chosen languages into a temporary folder, with node_modules linked, so a
 * test can run the real CLI and Nx on it, edit files and break things without touching the repository. The score
 * stage's model is the hand-weighted fixture in place of the trained default, which keeps almost no passage of the
 * embedded corpus (its raters call UDHR articles useless for NER): the tests of the stages after score need some.
 */
export const scratchWorkspace = (languages: ReadonlyArray<string>): string => {
  const root = mkdtempSync(join(tmpdir(), "finerweb-workspace-"))
  for (const entry of ["package.json", "nx.json", "tsconfig.base.json", "libs", "tools"]) {
    cpSync(join(installedRoot, entry), join(root, entry), {
      recursive: true,
      filter: (source) => !source.includes("/out/") && !source.endsWith("/out")
    })
  }
  for (const code of languages) {
    mkdirSync(join(root, "languages", code), { recursive: true })
    cpSync(join(installedRoot, "languages", code, "language.json"), join(root, "languages", code, "language.json"))
  }
  writeHeuristicScorer(join(root, "libs/scoring/model"))
  symlinkSync(join(installedRoot, "node_modules"), join(root, "node_modules"), "dir")
  return root
}

export interface Run {
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * This process's environment with `env` over it: Node 22 first on PATH, as `npm run` would, and Nx without its
 * daemon, cloud or terminal UI.
 */
export const runEnvironment = (env: Record<string, string>): NodeJS.ProcessEnv => ({
  ...process.env,
  PATH: `${join(installedRoot, "node_modules/.bin")}:${process.env.PATH}`,
  NX_DAEMON: "false",
  NX_NO_CLOUD: "true",
  NX_TUI: "false",
  ...env
})

/** Runs a command in `cwd` in the `runEnvironment`; it is killed after `timeoutSeconds`. */
export const run = (
  cwd: string,
  command: string,
  args: ReadonlyArray<string>,
  env: Record<string, string> = {},
  timeoutSeconds = 300
): Run => {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: runEnvironment(env),
    timeout: timeoutSeconds * 1000,
    maxBuffer: 256 * 1024 * 1024
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** Runs the finerweb CLI of the workspace at `root`. */
export const finerweb = (root: string, args: ReadonlyArray<string>, env: Record<string, string> = {}) =>
  run(root, "node", [join(root, "tools/cli/main.ts"), ...args], env)
