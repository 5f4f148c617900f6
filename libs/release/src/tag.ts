import { Effect, FileSystem, Path } from "effect"
import { sha256, writeFileAtomic } from "#files"
import { checkLock, LockDisagrees, lockName } from "#lock"
import { folderDifferences } from "./compare.ts"
import { DirtyTree, InvalidVersion, ReleaseStale, TagExists } from "./errors.ts"
import { git, refExists, uncommittedPaths } from "./git.ts"
import { isVersion, manifestFiles, manifestName, releaseManifest, releaseTag, renderManifest, tagMessage } from "./Manifest.ts"
import { gatherRelease, releaseFolder } from "./release.ts"

/** How many uncommitted paths a refusal names. */
const shown = 5

/**
 * Tags a release: refuses an invalid version, a dirty git tree, an existing tag, a lock that disagrees with the
 * outputs, and a release folder that is missing or is not what the outputs gather into now (it is built by
 * `nx run finerweb:release`, not here). Then creates the annotated tag `datasets-v<version>` on HEAD, whose message
 * records the sha256 of `datasets.lock` and of the manifest and holds the manifest, and writes the manifest as
 * `release/manifest.json`. It never pushes.
 */
export const tagRelease = Effect.fn("tagRelease")(function*(
  root: string,
  version: string,
  stages: ReadonlyArray<string>,
  packages: Record<string, string>
) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  if (!isVersion(version)) return yield* new InvalidVersion({ version })
  const tag = releaseTag(version)

  const dirty = yield* uncommittedPaths(root)
  if (dirty.length > 0) return yield* new DirtyTree({ paths: dirty.slice(0, shown), count: dirty.length })
  if (yield* refExists(root, `refs/tags/${tag}`)) return yield* new TagExists({ tag })

  const disagreements = yield* checkLock(root, stages)
  if (disagreements.length > 0) return yield* new LockDisagrees({ disagreements })

  const gathered = yield* gatherRelease(root, stages)
  const folder = path.join(root, releaseFolder)
  const problems = (yield* fs.exists(folder))
    ? yield* folderDifferences(folder, manifestFiles(gathered.files), [manifestName])
    : ["missing"]
  if (problems.length > 0) return yield* new ReleaseStale({ folder: releaseFolder, problems })
  // The lock file on disk must be the one the fragments fold into, which the release carries and its card names.
  const lockSha256 = sha256(yield* fs.readFile(path.join(root, lockName)))
  if (lockSha256 !== gathered.lockSha256) {
    return yield* new LockDisagrees({
      disagreements: [`${lockName}: sha256 ${lockSha256}, the lock fragments fold to ${gathered.lockSha256} (run the lock fold command)`]
    })
  }

  const commit = (yield* git(root, ["rev-parse", "HEAD"])).trim()
  const manifest = releaseManifest({ version, commit, lockSha256, packages, files: gathered.files })
  const message = tagMessage(manifest)
  yield* git(root, ["tag", "--annotate", "--cleanup=verbatim", "--file=-", tag, commit], message)
  yield* writeFileAtomic(path.join(folder, manifestName), renderManifest(manifest))
  return { tag, commit, lockSha256, manifestSha256: sha256(renderManifest(manifest)), files: manifest.files.length }
})
