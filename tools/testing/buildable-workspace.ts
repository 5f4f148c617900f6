import { cpSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { installedRoot } from "#workspace"
import { run, scratchWorkspace } from "./scratch-workspace.ts"

/**
 * A scratch workspace that Nx builds as it builds a clone: with `package-lock.json` (Nx takes the versions of a
 * target's `externalDependencies` from it), `.gitignore` (which keeps outputs out of hashed globs) and a git
 * repository. Two made from the same checkout hash every task alike, wherever they lie.
 */
export const buildableWorkspace = (languages: ReadonlyArray<string>): string => {
  const root = scratchWorkspace(languages)
  for (const file of ["package-lock.json", ".gitignore"]) cpSync(join(installedRoot, file), join(root, file))
  run(root, "git", ["init", "-q"])
  return root
}

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
