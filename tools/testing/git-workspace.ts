import { cpSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { installedRoot } from "#workspace"
import { run, scratchWorkspace } from "./scratch-workspace.ts"

/** Runs git in `root` and returns its standard output; a failure throws with what git said. */
export const git = (root: string, ...args: ReadonlyArray<string>): string => {
  const result = run(root, "git", args)
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`)
  return result.stdout
}

/**
 * A scratch workspace of `languages` (see scratchWorkspace) that is a git repository of its own, with an author for
 * its commits and tags, the workspace's .gitignore and package-lock.json, and the linked node_modules excluded (`node_modules/` in
 * .gitignore matches a folder, not a link). Nothing is committed yet.
 */
export const gitWorkspace = (languages: ReadonlyArray<string>): string => {
  const root = scratchWorkspace(languages)
  // Nx resolves each target's externalDependencies from the lockfile.
  for (const file of [".gitignore", "package-lock.json"]) cpSync(join(installedRoot, file), join(root, file))
  git(root, "init", "--quiet", "--initial-branch=main")
  writeFileSync(join(root, ".git/info/exclude"), "node_modules\n")
  git(root, "config", "user.name", "finerweb tests")
  git(root, "config", "user.email", "tests@finerweb.invalid")
  return root
}

/** Stages every change and commits it. */
export const commitAll = (root: string, message: string) => {
  git(root, "add", "--all")
  git(root, "commit", "--quiet", "--message", message)
}
