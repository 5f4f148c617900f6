import { Context, Effect, Queue, Schema, Stream } from "effect"
import { availableParallelism } from "node:os"
import { Worker } from "node:worker_threads"
import { type StageName, stageNames } from "#stages"
import { UnknownStage } from "./errors.ts"
import { failureLine, runTaskAt, type StageTask, type TaskOutcome } from "./tasks.ts"

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

const isStage = Schema.is(Schema.Literals(stageNames))

/** The stage a task's options name; they come from the plugin's targets or a user's command line. */
export const decodeStage = (task: string, stage: unknown): StageName => {
  if (isStage(stage)) return stage
  throw new UnknownStage({ task, stage: JSON.stringify(stage) ?? String(stage) })
}

const outcomeNow = (task: StageTask, status: TaskOutcome["status"], terminalOutput: string): TaskOutcome => {
  const now = Date.now()
  return { id: task.id, status, terminalOutput, startTime: now, endTime: now }
}

/**
 * Runs a batch of tasks with `run`, `concurrency` at a time, each after the tasks of the batch it depends on; one
 * whose dependency failed or was skipped is skipped. Outcomes come as tasks end, so that Nx can show each one.
 */
export const runTasks = <R>(
  tasks: ReadonlyArray<StageTask>,
  concurrency: number,
  run: (task: StageTask) => Effect.Effect<TaskOutcome, never, R>
) => {
  const failed = new Set<string>()
  return Stream.fromIterable(waves(tasks)).pipe(
    Stream.flatMap((wave) =>
      Stream.fromIterable(wave).pipe(
        Stream.mapEffect(
          (task) => task.dependsOn.some((id) => failed.has(id)) ? Effect.succeed(outcomeNow(task, "skipped", "")) : run(task),
          { concurrency, unordered: true }
        ),
        Stream.tap((outcome) => Effect.sync(() => outcome.status !== "success" && failed.add(outcome.id)))
      )
    )
  )
}

/** A worker thread and the tasks it is running. */
const startWorker = (root: string) => {
  const worker = new Worker(new URL("./worker.ts", import.meta.url), { workerData: { root } })
  const running = new Map<string, { task: StageTask; done: (outcome: TaskOutcome) => void }>()
  let stopped: string | null = null
  // A thread that dies fails what it was running, and what it is sent later, instead of leaving Nx waiting.
  const stop = (reason: string) => {
    stopped = reason
    for (const { task, done } of running.values()) done(outcomeNow(task, "failure", failureLine(reason)))
    running.clear()
  }
  worker.on("message", (outcome: TaskOutcome) => {
    running.get(outcome.id)?.done(outcome)
    running.delete(outcome.id)
  })
  worker.on("error", (error) => stop(`the worker thread running it stopped: ${error.message}`))
  worker.on("exit", (code) => stop(`the worker thread running it exited with code ${code}`))
  return {
    run: (task: StageTask) =>
      Effect.callback<TaskOutcome>((resume) => {
        if (stopped !== null) return resume(Effect.succeed(outcomeNow(task, "failure", failureLine(stopped))))
        running.set(task.id, { task, done: (outcome) => resume(Effect.succeed(outcome)) })
        worker.postMessage(task)
      }),
    terminate: () => {
      worker.removeAllListeners("exit")
      return worker.terminate()
    }
  }
}

/**
 * Runs a batch on `count` worker threads, each loading the stages once and running `perWorker` tasks at a time: a
 * stage is mostly JavaScript on one thread, and a few in flight on each overlap its file and loopback I/O (the
 * offline teacher).
 */
export const runTasksOnWorkers = (root: string, tasks: ReadonlyArray<StageTask>, count: number, perWorker: number) =>
  Stream.unwrap(Effect.gen(function*() {
    const workers = yield* Effect.acquireRelease(
      Effect.sync(() => Array.from({ length: count }, () => startWorker(root))),
      (started) => Effect.promise(() => Promise.all(started.map((worker) => worker.terminate())))
    )
    // A free place on a worker, taken for a task and given back after it.
    const places = yield* Queue.unbounded<(typeof workers)[number]>()
    for (const worker of workers) for (let place = 0; place < perWorker; place++) yield* Queue.offer(places, worker)
    return runTasks(tasks, count * perWorker, (task) =>
      Effect.acquireUseRelease(Queue.take(places), (worker) => worker.run(task), (worker) => Queue.offer(places, worker)))
  }))

/**
 * Workers at most (a batch holds one stage of at most 91 languages, and each worker loads the stages and the teacher's
 * gazetteers once), tasks at a time on each, and tasks a worker must have to be worth its start-up.
 */
const maxWorkers = 4
const perWorker = 2
const tasksPerWorker = 8

/**
 * Runs a batch in the workspace at `root`, outcomes as tasks end: a few tasks in this thread, which has loaded the
 * stages already, more on worker threads.
 */
export const runBatchAt = (root: string, tasks: ReadonlyArray<StageTask>): AsyncIterable<TaskOutcome> => {
  const workers = Math.min(availableParallelism(), maxWorkers, Math.ceil(tasks.length / tasksPerWorker))
  return Stream.toAsyncIterableWith(
    workers > 1
      ? runTasksOnWorkers(root, tasks, workers, perWorker)
      : runTasks(tasks, perWorker, (task) => Effect.promise(() => runTaskAt(root, task))),
    Context.empty()
  )
}
