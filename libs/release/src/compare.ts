import { Effect, FileSystem, Path } from "effect"
import { sha256 } from "#files"
import type { ManifestFile } from "./Manifest.ts"

/**
 * How the files of `folder` differ from `expected` (paths relative to the folder): one line per file whose sha256 or
 * size differs (both shown), that is missing, or that is not expected; `ignored` paths are not looked at. Sorted by
 * path; empty when the folder holds exactly the expected bytes.
 */
export const folderDifferences = Effect.fn("folderDifferences")(function*(
  folder: string,
  expected: ReadonlyArray<ManifestFile>,
  ignored: ReadonlyArray<string> = []
) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const onDisk = new Map<string, Uint8Array>()
  if (yield* fs.exists(folder)) {
    for (const name of yield* fs.readDirectory(folder, { recursive: true })) {
      const file = path.join(folder, name)
      if ((yield* fs.stat(file)).type === "File" && !ignored.includes(name)) onDisk.set(name, yield* fs.readFile(file))
    }
  }
  const problems: Array<[string, string]> = []
  for (const pinned of expected) {
    const bytes = onDisk.get(pinned.path)
    onDisk.delete(pinned.path)
    if (bytes === undefined) problems.push([pinned.path, "missing"])
    else if (sha256(bytes) !== pinned.sha256 || bytes.length !== pinned.bytes) {
      problems.push([pinned.path, `sha256 ${sha256(bytes)} (${bytes.length} bytes), expected ${pinned.sha256} (${pinned.bytes} bytes)`])
    }
  }
  for (const name of onDisk.keys()) problems.push([name, "not expected"])
  return problems.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([file, problem]) => `${file}: ${problem}`)
})
