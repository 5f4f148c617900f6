export { MissingUpstream } from "./files.ts"
export { runStage } from "./run.ts"
export { type Cell, type CellObservation, type CellState, compareCell, renderStatus, workspaceStatus } from "./status.ts"
export {
  type ExternalInput,
  externalInputs,
  llmSettingsFile,
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
