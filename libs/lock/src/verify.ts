import { Effect, FileSystem, Path } from "effect"
import { readJson } from "#files"
import { OutputsDisagree } from "./errors.ts"
import { fragmentName, LockFile, lockName } from "./Lock.ts"
import { pinnedOutputProblems, stageFolder } from "./outputs.ts"

/** A file of an output folder that is neither an output nor the fragment; a `.tmp-` folder is a killed run's leftover. */
const isOutput = (relative: string, path: Path.Path) =>
  relative !== fragmentName && !relative.split(path.sep).some((segment) => segment.startsWith(".tmp-"))

/**
 * Recomputes the digest of every output `datasets.lock` pins and lists every file in the output folders of the pinned
 * `stages`. Fails with one sorted line per file that differs from the lock, is missing, or is not in the lock;
 * otherwise returns how many pinned files it digested.
 */
export const verifyOutputs = Effect.fn("verifyOutputs")(function*(root: string, stages: ReadonlyArray<string>) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const lock = yield* readJson(path.join(root, lockName), LockFile)
  const problems = yield* pinnedOutputProblems(root, lock)
  const languagesDir = path.join(root, "languages")
  const languages = (yield* fs.exists(languagesDir)) ? yield* fs.readDirectory(languagesDir) : []
  for (const language of languages) {
    for (const stage of stages) {
      const folder = stageFolder(path, language, stage)
      if (!(yield* fs.exists(path.join(root, folder)))) continue
      const pinned = lock.languages[language]?.[stage]?.outputs ?? {}
      for (const relative of yield* fs.readDirectory(path.join(root, folder), { recursive: true })) {
        if (!isOutput(relative, path) || Object.hasOwn(pinned, relative)) continue
        if ((yield* fs.stat(path.join(root, folder, relative))).type !== "File") continue
        problems.push(`${path.join(folder, relative)}: not in the lock`)
      }
    }
  }
  if (problems.length > 0) return yield* new OutputsDisagree({ problems: problems.toSorted() })
  return Object.values(lock.languages).reduce(
    (files, entries) => files + Object.values(entries).reduce((n, entry) => n + Object.keys(entry.outputs).length, 0),
    0
  )
})
