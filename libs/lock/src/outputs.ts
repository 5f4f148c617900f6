import { Effect, FileSystem, Path } from "effect"
import { canonicalJson, digestFile } from "#files"
import type { LockFile } from "./Lock.ts"

/** The folder of one stage's outputs, relative to the workspace root. */
export const stageFolder = (path: Path.Path, language: string, stage: string) => path.join("languages", language, "out", stage)

/**
 * Digests every output the lock pins and returns one line per file that is missing or whose sha256 or bytes differ,
 * both digests shown, in the lock's order.
 */
export const pinnedOutputProblems = Effect.fn("pinnedOutputProblems")(function*(root: string, lock: LockFile) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const problems: Array<string> = []
  for (const [language, entries] of Object.entries(lock.languages)) {
    for (const [stage, entry] of Object.entries(entries)) {
      for (const [name, pinned] of Object.entries(entry.outputs)) {
        const file = path.join(stageFolder(path, language, stage), name)
        if (!(yield* fs.exists(path.join(root, file)))) {
          problems.push(`${file}: missing (the lock pins sha256 ${pinned.sha256})`)
          continue
        }
        const actual = yield* digestFile(path.join(root, file))
        if (canonicalJson(actual) !== canonicalJson(pinned)) {
          problems.push(`${file}: sha256 ${actual.sha256} (${actual.bytes} bytes), the lock pins ${pinned.sha256} (${pinned.bytes} bytes)`)
        }
      }
    }
  }
  return problems
})
