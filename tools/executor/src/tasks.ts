import * as NodeServices from "@effect/platform-node/NodeServices"
import { Cause, Effect, Exit, Layer, Logger } from "effect"
import { runStage, type StageName } from "#stages"
import { Workspace } from "#workspace"

/** One stage of one language, as Nx hands it over: its task id and the ids of the tasks it waits for. */
export interface StageTask {
  readonly id: string
  readonly stage: StageName
  readonly language: string
  readonly dependsOn: ReadonlyArray<string>
}

/** What Nx caches and replays for a task: the lines the CLI would have printed, and how it ended. */
export interface TaskOutcome {
  readonly id: string
  readonly status: "success" | "failure" | "skipped"
  readonly terminalOutput: string
  /** Milliseconds since the epoch. */
  readonly startTime: number
  readonly endTime: number
}

/** The CLI's last line for a failure: `finerweb: <message>`. */
export const failureLine = (error: unknown) => `finerweb: ${error instanceof Error ? error.message : String(error)}\n`

/**
 * Runs one task as `finerweb <stage> <language>` would, with the same layers, its log lines (`[finerweb] ...`)
 * collected instead of printed, and on failure the CLI's last line. Never fails: a failing stage is an outcome.
 */
export const runTask = (task: StageTask) =>
  Effect.gen(function*() {
    const lines: Array<string> = []
    // A logger per task: concurrent tasks log into their own lines.
    const collect = Logger.make(({ message }) => {
      lines.push(`[finerweb] ${Array.isArray(message) ? message.join(" ") : String(message)}\n`)
    })
    const startTime = Date.now()
    const exit = yield* Effect.exit(runStage(task.stage, task.language).pipe(Effect.provide(Logger.layer([collect]))))
    if (Exit.isFailure(exit)) lines.push(failureLine(Cause.squash(exit.cause)))
    return {
      id: task.id,
      status: Exit.isSuccess(exit) ? "success" : "failure",
      terminalOutput: lines.join(""),
      startTime,
      endTime: Date.now()
    } satisfies TaskOutcome
  })

/** What a task needs, as the CLI provides it: the platform and the workspace at `root`. */
const taskLayer = (root: string) => Workspace.layer(root).pipe(Layer.provideMerge(NodeServices.layer))

/** Runs one task in the workspace at `root`. */
export const runTaskAt = (root: string, task: StageTask): Promise<TaskOutcome> =>
  Effect.runPromise(runTask(task).pipe(Effect.provide(taskLayer(root))))
