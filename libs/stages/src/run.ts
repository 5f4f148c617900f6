import { Effect } from "effect"
import { Workspace } from "#workspace"
import { type StageContext, type StageName, stageTable } from "./table.ts"

/**
 * Runs one stage for one language: its code is loaded on demand (a task imports only what its own stage needs) and
 * given the layer of its services, built from the workspace's configuration. The caller provides the stage context
 * (the workspace and the platform): the CLI the installed workspace, tests a temporary one.
 */
export const runStage = Effect.fn("runStage")(function*(stage: StageName, code: string) {
  const workspace = yield* Workspace
  const loaded = yield* workspace.loadLanguage(code)
  const { run, layer } = yield* Effect.promise(stageTable[stage].load)
  // A stage's program needs what its layer provides and the stage context, nothing else (see `StageModule`).
  return yield* (run(loaded).pipe(Effect.provide(layer)) as Effect.Effect<unknown, unknown, StageContext>)
})
