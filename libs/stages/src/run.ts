import { Effect, Schema } from "effect"
import { Workspace } from "#workspace"
import { type StageContext, type StageName, type StageSpec, stageTable } from "./table.ts"

/** A stage asked of a language that does not have it (evaluate of a language without gold data). */
export class StageNotApplicable extends Schema.TaggedError<StageNotApplicable>()("StageNotApplicable", {
  stage: Schema.String,
  code: Schema.String,
  when: Schema.String
}) {
  override get message() {
    return `${this.code} has no ${this.stage} stage: a language has it when ${this.when}`
  }
}

/**
 * Runs one stage for one language: its code is loaded on demand (a task imports only what its own stage needs) and
 * given the layer of its services, built from the workspace's configuration. The caller provides the stage context
 * (the workspace and the platform): the CLI the installed workspace, tests a temporary one.
 */
export const runStage = Effect.fn("runStage")(function*(stage: StageName, code: string) {
  const workspace = yield* Workspace
  const loaded = yield* workspace.loadLanguage(code)
  const spec: StageSpec = stageTable[stage]
  if (spec.appliesTo !== undefined && !spec.appliesTo.test(loaded.language)) {
    return yield* new StageNotApplicable({ stage, code, when: spec.appliesTo.when })
  }
  const { run, layer } = yield* Effect.promise(spec.load)
  // A stage's program needs what its layer provides and the stage context, nothing else (see `StageModule`).
  return yield* (run(loaded).pipe(Effect.provide(layer)) as Effect.Effect<unknown, unknown, StageContext>)
})
