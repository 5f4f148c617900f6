export { stageCodeRoots, stageRunner } from "./code.ts"
export { drawBySeed } from "./draw.ts"
export { MissingUpstream } from "./files.ts"
export { runStage } from "./run.ts"
/**
 * `finerweb status`'s code, loaded on demand: it reads the LLM settings and the teacher's model id, which a stage
 * that does not call an LLM must not be hashed with (the Nx plugin follows static imports only).
 */
export const loadStatus = () => import("./status.ts")
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
