export { type CardInput, type CardLanguage, type CardModel, datasetCard, sizeCategory } from "./card.ts"
export { MalformedExport, MissingExport } from "./errors.ts"
export { buildRelease, releaseFolder } from "./release.ts"
export { sha256Sums } from "./sums.ts"
