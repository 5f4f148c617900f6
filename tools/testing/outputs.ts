import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"

/** Every file under the workspace's `languages/<code>/out/` folders, by path from the root, with its bytes. */
export const languageOutputs = (root: string): Map<string, Buffer> =>
  new Map(
    readdirSync(join(root, "languages"), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.parentPath.split("/").includes("out"))
      .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
      .sort()
      .map((path) => [path, readFileSync(join(root, path))])
  )

/** Where a task's outputs came from in an `nx run-many --outputStyle=static` run: its command, or a cache. */
export type TaskSource = "run" | "local cache" | "remote cache"

/** The tasks an Nx run printed, each with where its outputs came from (Nx colours its output when CI is set). */
export const nxTasks = (output: string): Array<{ readonly task: string; readonly source: TaskSource }> =>
  [...output.replace(/\x1b\[[0-9;]*m/g, "").matchAll(/^> nx run (\S+:\S+)(.*)$/gm)].map(([, task, note]) => ({
    task,
    source: /remote cache/.test(note) ? "remote cache" : /cache/.test(note) ? "local cache" : "run"
  }))
