/**
 * CI's build: what the last commit can have changed, and no more. On a clean clone with an empty Nx cache:
 *
 * - the base is the commit before HEAD (`git rev-parse HEAD~1`); with none (a first commit, or a shallow clone of
 *   depth 1) everything is built: `nx run-many -t export release`;
 * - else `nx affected -t export --base=<base> --head=HEAD`: the languages whose inputs changed (its language.json, a
 *   stage's code, config or prompt, a library it imports, ...), as the targets' `inputs` declare them;
 * - and the languages whose entries of `datasets.lock` changed, though no input did (an edited lock must be checked
 *   against outputs built here);
 * - and the release target (which gathers every language, so builds them all) when its own code is affected.
 *
 *   npx node tools/ci/build.ts
 *
 * The lock is then checked for the languages built here (tools/ci/lock-check.ts).
 */
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { join } from "node:path"
import { installedRoot as root } from "#workspace"
import { changedLockLanguages } from "./lock-languages.ts"

const say = (line: string) => console.log(`[ci] ${line}`)

const git = (args: ReadonlyArray<string>) => spawnSync("git", args, { cwd: root, encoding: "utf8" })

const nx = (args: ReadonlyArray<string>) => {
  say(`nx ${args.join(" ")}`)
  const result = spawnSync(join(root, "node_modules/.bin/nx"), [...args, "--outputStyle=static"], { cwd: root, stdio: "inherit" })
  // Nx exits 130 when a task fails; any non-zero exit is a failed build.
  if (result.status !== 0) {
    say(`nx ${args[0]} failed (exit ${result.status})`)
    process.exit(1)
  }
}

const parent = git(["rev-parse", "--verify", "--quiet", "HEAD~1"])
if (parent.status !== 0) {
  say("HEAD has no parent commit here (a first commit or a shallow clone): building everything")
  nx(["run-many", "-t", "export", "release"])
} else {
  const base = parent.stdout.trim()
  say(`base ${base} (HEAD~1)`)
  nx(["affected", "-t", "export", `--base=${base}`, "--head=HEAD"])

  const lockAt = (commit: string) => {
    const shown = git(["show", `${commit}:./datasets.lock`])
    return shown.status === 0 ? JSON.parse(shown.stdout) : { languages: {} }
  }
  // A language the lock names but the workspace no longer has cannot be built; lock-check.ts names it.
  const edited = changedLockLanguages(lockAt(base), lockAt("HEAD"))
    .filter((code) => existsSync(join(root, "languages", code, "language.json")))
  if (edited.length > 0) {
    say(`datasets.lock changed for ${edited.length} language(s): ${edited.join(", ")}`)
    nx(["run-many", "-t", "export", `--projects=${edited.join(",")}`])
  }

  const projects = spawnSync(
    join(root, "node_modules/.bin/nx"),
    ["show", "projects", "--affected", `--base=${base}`, "--head=HEAD", "--json"],
    { cwd: root, encoding: "utf8" }
  )
  if (projects.status !== 0) {
    say(`nx show projects --affected failed (exit ${projects.status}): ${projects.stderr}`)
    process.exit(1)
  }
  if ((JSON.parse(projects.stdout) as Array<string>).includes("release")) {
    say("the release library is affected: building the release, and so every language")
    nx(["run", "finerweb:release"])
  }
}
