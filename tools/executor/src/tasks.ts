import * as NodeServices from "@effect/platform-node/NodeServices"
import { Cause, Context, Effect, Exit, Layer, Logger, Schema, Stream } from "effect"
import { runStage, type StageName, stageNames } from "#stages"
import { Workspace } from "#workspace"
import { UnknownStage } from "./errors.ts"

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

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * Runs one task as `finerweb <stage> <language>` would, with the same layers, its log lines (`[finerweb] ...`)
 * collected instead of printed, and on failure the CLI's last line (`finerweb: <message>`). Never fails: a failing
 * stage is an outcome.
 */
export const runTask = (task: StageTask) =>
  Effect.gen(function*() {
    const lines: Array<string> = []
    // A logger per task: concurrent tasks log into their own lines.
    const collect = Logger.make(({ message }) => {
      lines.push(`[finerweb] ${Array.isArray(message) ? message.join(" ") : String(message)}`)
    })
    const startTime = Date.now()
    const exit = yield* Effect.exit(runStage(task.stage, task.language).pipe(Effect.provide(Logger.layer([collect]))))
    if (Exit.isFailure(exit)) lines.push(`finerweb: ${describe(Cause.squash(exit.cause))}`)
    return {
      id: task.id,
      status: Exit.isSuccess(exit) ? "success" : "failure",
      terminalOutput: lines.map((line) => `${line}\n`).join(""),
      startTime,
      endTime: Date.now()
    } satisfies TaskOutcome
  })

/** Tasks in waves: each wave's tasks wait only for tasks of earlier waves (or outside the batch). */
export const waves = (tasks: ReadonlyArray<StageTask>): ReadonlyArray<ReadonlyArray<StageTask>> => {
  const inBatch = new Set(tasks.map((task) => task.id))
  const placed = new Set<string>()
  const result: Array<ReadonlyArray<StageTask>> = []
  let pending = tasks
  while (pending.length > 0) {
    const ready = pending.filter((task) => task.dependsOn.every((id) => placed.has(id) || !inBatch.has(id)))
    if (ready.length === 0) throw new Error(`a cycle among ${pending.map((task) => task.id).join(", ")}`)
    for (const task of ready) placed.add(task.id)
    result.push(ready)
    pending = pending.filter((task) => !placed.has(task.id))
  }
  return result
}

/**
 * Runs a batch of tasks in one process, `concurrency` at a time, each after the tasks of the batch it depends on;
 * one whose dependency failed or was skipped is skipped. Outcomes come as tasks end, so that Nx can show each one.
 */
export const runTasks = (tasks: ReadonlyArray<StageTask>, concurrency: number) => {
  const failed = new Set<string>()
  const skipped = (task: StageTask): TaskOutcome => {
    const now = Date.now()
    return { id: task.id, status: "skipped", terminalOutput: "", startTime: now, endTime: now }
  }
  return Stream.fromIterable(waves(tasks)).pipe(
    Stream.flatMap((wave) =>
      Stream.fromIterable(wave).pipe(
        Stream.mapEffect(
          (task) => task.dependsOn.some((id) => failed.has(id)) ? Effect.succeed(skipped(task)) : runTask(task),
          { concurrency, unordered: true }
        ),
        Stream.tap((outcome) => Effect.sync(() => outcome.status !== "success" && failed.add(outcome.id)))
      )
    )
  )
}

/** What a task needs, as the CLI provides it: the platform and the workspace at `root`. */
export const taskLayer = (root: string) => Workspace.layer(root).pipe(Layer.provideMerge(NodeServices.layer))

const isStage = Schema.is(Schema.Literals(stageNames))

/** The stage a task's options name; they come from the plugin's targets or a user's command line. */
export const decodeStage = (task: string, stage: unknown): StageName => {
  if (isStage(stage)) return stage
  throw new UnknownStage({ task, stage: JSON.stringify(stage) ?? String(stage) })
}

/** Runs one task in the workspace at `root`. */
export const runTaskAt = (root: string, task: StageTask): Promise<TaskOutcome> =>
  Effect.runPromise(runTask(task).pipe(Effect.provide(taskLayer(root))))

/** Runs a batch in the workspace at `root`, outcomes as tasks end. */
export const runTasksAt = (root: string, tasks: ReadonlyArray<StageTask>, concurrency: number) =>
  Stream.toAsyncIterableWith(runTasks(tasks, concurrency).pipe(Stream.provide(taskLayer(root))), Context.empty())
