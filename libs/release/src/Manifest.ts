import { Effect, Schema } from "effect"
import { decodeJsonText, sha256 } from "#files"
import { renderLock } from "#lock"
import { stageNames, stageTable } from "#stages"

/** The manifest's name inside the release folder; `SHA256SUMS` does not list it (it lists the manifest's files). */
export const manifestName = "manifest.json"

/** The git tag of a release version. */
export const releaseTag = (version: string) => `datasets-v${version}`

/** semver.org 2.0.0's own pattern: MAJOR.MINOR.PATCH, an optional pre-release and build metadata, no leading zeros. */
const semver =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/

export const isVersion = (version: string) => semver.test(version)

/** One file of the release folder, relative to it. */
export const ManifestFile = Schema.Struct({ path: Schema.String, sha256: Schema.String, bytes: Schema.Number })
export type ManifestFile = typeof ManifestFile.Type

/**
 * What a release is: its version and tag, the commit it was built from, the sha256 of `datasets.lock`, every file of
 * the release folder with its sha256 and size, and the versions of the packages that built it. No time and no
 * machine: a rebuild from the tag must be able to agree with it.
 */
export const ReleaseManifest = Schema.Struct({
  version: Schema.String,
  tag: Schema.String,
  commit: Schema.String,
  lock: Schema.Struct({ file: Schema.String, sha256: Schema.String }),
  packages: Schema.Record(Schema.String, Schema.String),
  files: Schema.Array(ManifestFile)
})
export type ReleaseManifest = typeof ReleaseManifest.Type

/** The packages whose versions a manifest records: effect, the platform, Nx, and every stage's own. */
export const releasePackages: ReadonlyArray<string> = [
  ...new Set(["effect", "@effect/platform-node", "nx", ...stageNames.flatMap((stage) => stageTable[stage].packages)])
].toSorted()

const byPath = (a: ManifestFile, b: ManifestFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)

/** Each release file's sha256 and size, in code-unit order of their paths. */
export const manifestFiles = (
  files: ReadonlyArray<{ readonly path: string; readonly bytes: Uint8Array }>
): Array<ManifestFile> =>
  files.map((file) => ({ path: file.path, sha256: sha256(file.bytes), bytes: file.bytes.length })).sort(byPath)

/** The manifest of release files, listed in code-unit order of their paths. */
export const releaseManifest = (input: {
  readonly version: string
  readonly commit: string
  readonly lockSha256: string
  readonly packages: Record<string, string>
  readonly files: ReadonlyArray<{ readonly path: string; readonly bytes: Uint8Array }>
}): ReleaseManifest => ({
  version: input.version,
  tag: releaseTag(input.version),
  commit: input.commit,
  lock: { file: "datasets.lock", sha256: input.lockSha256 },
  packages: input.packages,
  files: manifestFiles(input.files)
})

/** The lock's rendering (sorted keys, two-space indentation), so that two manifests diff line by line. */
export const renderManifest = (manifest: ReleaseManifest): string => renderLock(manifest)

/**
 * The annotated tag's message: a title, the digests of the lock and of the manifest, the commit, then the manifest
 * itself, so that the tag alone says what the release holds (`git tag -n5` shows the digests).
 */
export const tagMessage = (manifest: ReleaseManifest): string => {
  const text = renderManifest(manifest)
  return [
    `finerweb datasets ${manifest.version}`,
    "",
    `datasets.lock sha256 ${manifest.lock.sha256}`,
    `manifest sha256 ${sha256(text)}`,
    `commit ${manifest.commit}`,
    "",
    text
  ].join("\n")
}

/** The manifest a tag message holds, if its digest is the one the message records; else why not. */
export const manifestOfMessage = (message: string): Effect.Effect<ReleaseManifest, string> => {
  const recorded = /^manifest sha256 ([0-9a-f]{64})$/m.exec(message)?.[1]
  const start = message.indexOf("\n{\n")
  if (recorded === undefined || start < 0) return Effect.fail("its message holds no release manifest")
  const text = message.slice(start + 1)
  if (sha256(text) !== recorded) return Effect.fail(`its manifest has sha256 ${sha256(text)}, the message records ${recorded}`)
  return decodeJsonText(text, ReleaseManifest).pipe(Effect.mapError((reason) => `its manifest: ${reason}`))
}
