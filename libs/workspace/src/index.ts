export { ConfigError, MalformedLanguage, UnknownLanguage } from "./errors.ts"
export { installedRoot } from "./root.ts"
export { type LoadedLanguage, Workspace } from "./Workspace.ts"
