export { MalformedLanguage, MissingUpstream, UnknownLanguage } from "./shared/errors.ts"
export { type LoadedLanguage, loadLanguage } from "./shared/language.ts"
export { absolute, languageFile, stageDir } from "./shared/paths.ts"

/**
 * The six stage programs, each loaded on demand: a task imports only the libraries its own stage needs
 * (onnxruntime for score, the openai SDK for the LLM stages), which keeps the per-task start-up short.
 */
export const stagePrograms = {
  sample: () => import("./sample.ts").then((module) => module.sample),
  score: () => import("./score.ts").then((module) => module.scoreWithModel),
  annotate: () => import("./annotate.ts").then((module) => module.annotate),
  judge: () => import("./judge.ts").then((module) => module.judge),
  translate: () => import("./translate.ts").then((module) => module.translate),
  export: () => import("./export.ts").then((module) => module.exportDataset)
}
