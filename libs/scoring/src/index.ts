export { FEATURE_NAMES, passageFeatures } from "./features.ts"
export type { FeatureName } from "./features.ts"
export { LanguageId, LanguageIdOptions } from "./LanguageId.ts"
export type { LanguageVerdict, ProjectLanguage } from "./LanguageId.ts"
export {
  FeatureManifest,
  InputPreparation,
  manifestPath,
  NgramManifest,
  NgramSettings,
  OutputHead,
  ScorerManifest,
  TransformerManifest
} from "./manifest.ts"
export { LanguageIdError, ScorerModelError, ScorerRunError } from "./errors.ts"
export { modelDigest } from "./digest.ts"
export { ExecutionProvider, Scorer, ScorerOptions } from "./Scorer.ts"
export type { Scored } from "./Scorer.ts"
export { densify, ngramFeatures, type NgramSpec, type SparseVector } from "./ngrams.ts"
