import { Config, Effect, Option } from "effect"
import { Workspace } from "#workspace"
import { externalInputs, stageTable } from "../table.ts"
import { EvaluateConfig } from "./config.ts"

/**
 * The folder the gold registry's paths are relative to: `FINERWEB_GOLD_DIR` where it is set, else evaluate's
 * configured `goldDir`, relative to the workspace root. evaluate and synthesize both find the gold here.
 */
export const goldFolder = Effect.fn("goldFolder")(function*() {
  const workspace = yield* Workspace
  const fromEnvironment = yield* Config.option(Config.String(externalInputs.gold.goldDir))
  if (Option.isSome(fromEnvironment)) return workspace.resolve(fromEnvironment.value)
  const config = yield* workspace.readConfig(stageTable.evaluate.config, EvaluateConfig)
  return workspace.resolve(config.goldDir)
})
