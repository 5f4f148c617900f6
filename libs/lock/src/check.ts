import { Effect, FileSystem, Path } from "effect"
import { canonicalJson, digestFile, readJson } from "#files"
import { fragmentName, LockFile, lockName } from "./Lock.ts"
import { readFragments } from "./fold.ts"

/**
 * Compares `datasets.lock` with what is on disk: every pinned output file must exist with the pinned digest, and
 * every fragment of the pinned `stages` must match its lock entry. Returns one line per disagreement; none means the lock holds.
 */
export const checkLock = Effect.fn("checkLock")(function*(root: string, stages: ReadonlyArray<string>) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const lock = yield* readJson(path.join(root, lockName), LockFile)
  const disagreements: Array<string> = []
  for (const [language, entries] of Object.entries(lock.languages)) {
    for (const [stage, entry] of Object.entries(entries)) {
      for (const [name, pinned] of Object.entries(entry.outputs)) {
        const file = path.join("languages", language, "out", stage, name)
        if (!(yield* fs.exists(path.join(root, file)))) {
          disagreements.push(`${file}: missing (the lock pins sha256 ${pinned.sha256})`)
          continue
        }
        const actual = yield* digestFile(path.join(root, file))
        if (canonicalJson(actual) !== canonicalJson(pinned)) {
          disagreements.push(`${file}: sha256 ${actual.sha256} (${actual.bytes} bytes), the lock pins ${pinned.sha256} (${pinned.bytes} bytes)`)
        }
      }
    }
  }
  for (const fragment of yield* readFragments(root, stages)) {
    const entry = lock.languages[fragment.language]?.[fragment.stage]
    const file = path.join("languages", fragment.language, "out", fragment.stage, fragmentName)
    if (entry === undefined) disagreements.push(`${file}: not in ${lockName} (run the lock fold command)`)
    else if (canonicalJson({ inputs: entry.inputs, outputs: entry.outputs }) !== canonicalJson({ inputs: fragment.inputs, outputs: fragment.outputs })) {
      disagreements.push(`${file}: differs from its entry in ${lockName}`)
    }
  }
  return disagreements
})
