import { Effect, FileSystem, Path } from "effect"
import { readJson, writeFileAtomic } from "#files"
import { fragmentName, type LockEntry, type LockFile, LockFragment, lockName } from "./Lock.ts"
import { renderLock } from "./render.ts"

/**
 * Every `languages/<code>/out/<stage>/lock.json` under `root` of the given stages (those whose outputs the lock pins;
 * a measurement such as evaluate keeps its fragment beside its output), in language then stage folder order.
 */
export const readFragments = Effect.fn("readFragments")(function*(root: string, stages: ReadonlyArray<string>) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const subfolders = (folder: string) =>
    fs.exists(folder).pipe(
      Effect.flatMap((exists) => (exists ? fs.readDirectory(folder) : Effect.succeed([]))),
      Effect.map((names) => names.toSorted())
    )
  const fragments: Array<LockFragment> = []
  for (const language of yield* subfolders(path.join(root, "languages"))) {
    // Only stage folders: a `.tmp-` folder is what a killed run left behind, never a finished output.
    const folders = (yield* subfolders(path.join(root, "languages", language, "out"))).filter((name) => stages.includes(name))
    for (const stage of folders) {
      const file = path.join(root, "languages", language, "out", stage, fragmentName)
      if (yield* fs.exists(file)) fragments.push(yield* readJson(file, LockFragment))
    }
  }
  return fragments
})

export const foldFragments = (fragments: ReadonlyArray<LockFragment>): LockFile => {
  const languages: Record<string, Record<string, LockEntry>> = {}
  for (const { language, stage, inputs, outputs } of fragments) {
    ;(languages[language] ??= {})[stage] = { inputs, outputs }
  }
  return { version: 1, languages }
}

/** Folds the fragments on disk into `datasets.lock` and returns what it wrote. */
export const foldLock = Effect.fn("foldLock")(function*(root: string, stages: ReadonlyArray<string>) {
  const path = yield* Path.Path
  const lock = foldFragments(yield* readFragments(root, stages))
  yield* writeFileAtomic(path.join(root, lockName), renderLock(lock))
  return lock
})
