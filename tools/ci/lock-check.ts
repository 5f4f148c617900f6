/**
 * CI's lock check after its build (tools/ci/build.ts): `datasets.lock` against the outputs of the languages built
 * here, each named. The others were not rebuilt because none of their inputs changed since the base commit, and their
 * entries stand as checked on the commit that last changed them. A language the lock pins that the workspace no
 * longer has is a failure. After a full build every language is built, so every language is checked.
 *
 *   npx node tools/ci/lock-check.ts
 */
import { NodeServices } from "@effect/platform-node"
import { Effect } from "effect"
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { checkLock, lockName } from "#lock"
import { pinnedStages } from "#stages"
import { installedRoot as root } from "#workspace"
import { builtLanguages, lineLanguage } from "./lock-languages.ts"

const say = (line: string) => console.log(`[ci] ${line}`)

const pinned = Object.keys((JSON.parse(readFileSync(join(root, lockName), "utf8")) as { languages: object }).languages)
const built = builtLanguages(root, pinnedStages)
const lines = await Effect.runPromise(checkLock(root, pinnedStages).pipe(Effect.provide(NodeServices.layer)))

const gone = pinned.filter((code) => !existsSync(join(root, "languages", code, "language.json")))
  .map((code) => `languages/${code}/language.json: missing, but ${lockName} pins this language`)
const checked = lines.filter((line) => {
  const code = lineLanguage(line)
  return code === undefined || built.includes(code)
})
const skipped = pinned.filter((code) => !built.includes(code) && existsSync(join(root, "languages", code, "language.json")))

say(`${lockName}: checking the ${built.length} language(s) built here: ${built.join(", ") || "(none)"}`)
say(`not rebuilt, so not checked (no input changed since the base commit): ${skipped.length} language(s)` +
  (skipped.length > 0 ? `: ${skipped.join(", ")}` : ""))
const problems = [...gone, ...checked]
for (const line of problems) console.log(`  ${line}`)
say(problems.length === 0 ? `${lockName} matches the outputs built here` : `${lockName} disagrees: ${problems.length} line(s)`)
process.exitCode = problems.length === 0 ? 0 : 1
