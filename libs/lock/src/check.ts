import { Effect, Path } from "effect"
import { readJson } from "#files"
import { diffEntry } from "./diff.ts"
import { fragmentName, LockFile, lockName } from "./Lock.ts"
import { readFragments } from "./fold.ts"
import { pinnedOutputProblems, stageFolder } from "./outputs.ts"

/**
 * Compares `datasets.lock` with what is on disk: every pinned output file must exist with the pinned digest, and
 * every fragment of the pinned `stages` must match its lock entry. Returns one line per disagreement; none means the
 * lock holds. A fragment's line says what changed, e.g. `inputs.prompt 3f2a9c1e0b7d -> 9e8d7c6b5a41`.
 */
export const checkLock = Effect.fn("checkLock")(function*(root: string, stages: ReadonlyArray<string>) {
  const path = yield* Path.Path
  const lock = yield* readJson(path.join(root, lockName), LockFile)
  const disagreements = yield* pinnedOutputProblems(root, lock)
  for (const fragment of yield* readFragments(root, stages)) {
    const entry = lock.languages[fragment.language]?.[fragment.stage]
    const file = path.join(stageFolder(path, fragment.language, fragment.stage), fragmentName)
    if (entry === undefined) {
      disagreements.push(`${file}: not in ${lockName} (run the lock fold command)`)
      continue
    }
    const changes = diffEntry(entry, fragment)
    if (changes.length > 0) disagreements.push(`${file}: ${changes.join("; ")}`)
  }
  return disagreements
})
