import { spawn } from "node:child_process"
import { runEnvironment, type Run } from "./scratch-workspace.ts"

/** `run` without blocking, so that several commands (and servers in this process) go on side by side. */
export const runAsync = (
  cwd: string,
  command: string,
  args: ReadonlyArray<string>,
  env: Record<string, string> = {}
): Promise<Run> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: runEnvironment(env) })
    let [stdout, stderr] = ["", ""]
    child.stdout.on("data", (chunk) => (stdout += chunk))
    child.stderr.on("data", (chunk) => (stderr += chunk))
    child.on("error", reject)
    child.on("close", (status) => resolve({ status, stdout, stderr }))
  })
