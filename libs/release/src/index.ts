export { type CardInput, type CardLanguage, type CardModel, datasetCard, sizeCategory } from "./card.ts"
export {
  DirtyTree,
  GitFailed,
  InvalidVersion,
  MalformedExport,
  ManifestUnreadable,
  MissingExport,
  RebuildDiffers,
  RebuildFailed,
  ReleaseStale,
  TagExists
} from "./errors.ts"
export { manifestName, ReleaseManifest, releasePackages, releaseTag } from "./Manifest.ts"
export { rebuildFromTag } from "./rebuild.ts"
export { buildRelease, releaseFolder } from "./release.ts"
export { sha256Sums } from "./sums.ts"
export { tagRelease } from "./tag.ts"
