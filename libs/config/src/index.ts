export { ConfigError, configFile, loadConfig, loadPrompt, promptFile, renderPrompt } from "./load.ts"
export type { PromptName } from "./load.ts"
export {
  AnnotateConfig,
  JudgeConfig,
  SampleConfig,
  ScoreConfig,
  StageConfigs,
  TranslateConfig
} from "./StageConfig.ts"
export type { ConfigName, StageConfig } from "./StageConfig.ts"
export { workspaceRoot } from "./workspace.ts"
