import { spawnSync } from "node:child_process"
import { Effect } from "effect"
import { GitFailed } from "./errors.ts"

/**
 * Runs git in `cwd` and returns its standard output; a non-zero exit fails with what git said. `input` goes to its
 * standard input (a tag message, verbatim).
 */
export const git = (cwd: string, args: ReadonlyArray<string>, input?: string) =>
  Effect.suspend(() => {
    const result = spawnSync("git", args, { cwd, encoding: "utf8", input, maxBuffer: 64 * 1024 * 1024 })
    const command = `git ${args.join(" ")}`
    if (result.error !== undefined) return Effect.fail(new GitFailed({ command, reason: result.error.message }))
    if (result.status !== 0) return Effect.fail(new GitFailed({ command, reason: result.stderr.trim() || `exit ${result.status}` }))
    return Effect.succeed(result.stdout)
  })

/** Whether `ref` names an object (`git rev-parse --verify`), without failing when it does not. */
export const refExists = (cwd: string, ref: string) =>
  git(cwd, ["rev-parse", "--quiet", "--verify", ref]).pipe(
    Effect.as(true),
    Effect.catchTag("GitFailed", () => Effect.succeed(false))
  )

/** The paths `git status` names as changed or untracked (ignored files, such as the outputs, are not). */
export const uncommittedPaths = (cwd: string) =>
  git(cwd, ["status", "--porcelain=v1", "--untracked-files=all"]).pipe(
    Effect.map((text) => text.split("\n").filter((line) => line !== "").map((line) => line.slice(3)))
  )
