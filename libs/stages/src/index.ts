export { stageCodeRoots, stageRunner } from "./code.ts"
export { drawBySeed } from "./draw.ts"
export { MissingUpstream } from "./files.ts"
export { runStage } from "./run.ts"
/**
 * `finerweb status`'s code, loaded on demand: it reads the LLM settings and the teacher's model id, which a stage
 * that does not call an LLM must not be hashed with (the Nx plugin follows static imports only).
 */
export const loadStatus = () => import("./status.ts")
/** `finerweb status --cost`'s code, loaded on demand: it loads the LLM stages' programs to render their prompts. */
export const loadCost = () => import("./cost.ts")
/**
 * The rate stage's module, loaded on demand: `ratePassages` rates any passages as the stage does, through `layer`'s
 * LLM client (train-scorer rates FLORES with it); a static export would put the LLM code into every stage's digest.
 */
export const loadRate = () => import("./rate/rate.ts")
export {
  type ExternalInput,
  externalInputs,
  llmSettingsFile,
  lockedPackages,
  pinnedStages,
  type StageContext,
  type StageFile,
  stageFolder,
  type StageModule,
  type StageName,
  stageNames,
  type StageSpec,
  stageTable,
  upstreamStages
} from "./table.ts"
export { runSynthesize, synthesizeDefaults, type SynthesizeOptions } from "./synthesis.ts"
