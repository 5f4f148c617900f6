import { spawn } from "node:child_process"
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { runEnvironment, type Run } from "./scratch-workspace.ts"

/**
 * `run` without blocking, so that several commands (and servers in this process) go on side by side. The command
 * writes to files, not pipes: read through a pipe, a 546-task Nx run that exited 0 lost the end of its output (the
 * last 50-odd task lines and the summary, after 137 KiB), twice; written to a file, none went missing.
 */
export const runAsync = (
  cwd: string,
  command: string,
  args: ReadonlyArray<string>,
  env: Record<string, string> = {}
): Promise<Run> =>
  new Promise((resolve, reject) => {
    const folder = mkdtempSync(join(tmpdir(), "finerweb-run-"))
    const files = [join(folder, "stdout"), join(folder, "stderr")]
    const descriptors = files.map((file) => openSync(file, "w"))
    let finished = false
    // Once: a failed start may be followed by 'close'.
    const finish = (settle: () => void) => {
      if (finished) return
      finished = true
      for (const descriptor of descriptors) closeSync(descriptor)
      settle()
      rmSync(folder, { recursive: true, force: true })
    }
    const child = spawn(command, args, { cwd, env: runEnvironment(env), stdio: ["ignore", ...descriptors] })
    child.on("error", (error) => finish(() => reject(error)))
    child.on("close", (status) =>
      finish(() => {
        const [stdout, stderr] = files.map((file) => readFileSync(file, "utf8"))
        resolve({ status, stdout, stderr })
      }))
  })
