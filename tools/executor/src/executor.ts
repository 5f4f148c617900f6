import { enableCompileCache } from "node:module"
import type { BatchExecutorTaskResult } from "nx/src/config/misc-interfaces.js"
import type { ExecutorContext, TaskGraph } from "nx/src/devkit-exports.js"

/**
 * The Nx executor of the stage targets (declared in `../nx/executors.json`, one executor per stage). Nx runs the
 * tasks of one executor as a batch, in one process (`preferBatch`) that spreads them over a few worker threads, so a
 * cold build loads TypeScript, Effect and the stages a few times per stage rather than once per task; `--batch=false` or `NX_BATCH_MODE=false` runs each task in
 * a process of its own with `runStageTask`. Nx still hashes, caches and replays each task on its own.
 */

/** A stage target's options, as the plugin writes them. */
export interface StageOptions {
  readonly stage: string
}

// The compile cache must be on before the modules it caches load, so they are imported after it.
const load = () => {
  enableCompileCache()
  return import("./batch.ts")
}

/** One task in its own process: prints what the CLI would, and fails as it would. */
export const runStageTask = async (options: StageOptions, context: ExecutorContext): Promise<{ success: boolean }> => {
  const { decodeStage, runBatchAt } = await load()
  const id = `${context.projectName}:${context.targetName}`
  const task = { id, stage: decodeStage(id, options.stage), language: context.projectName as string, dependsOn: [] }
  let success = false
  for await (const outcome of runBatchAt(context.root, [task])) {
    process.stdout.write(outcome.terminalOutput)
    success = outcome.status === "success"
  }
  return { success }
}

/** Every task of a batch in this process; each task's result (its own log lines) goes to Nx as it ends. */
export const runStageBatch = async function*(
  taskGraph: TaskGraph,
  options: Record<string, StageOptions>,
  _overrides: unknown,
  context: ExecutorContext
): AsyncGenerator<BatchExecutorTaskResult> {
  const { decodeStage, runBatchAt } = await load()
  const tasks = Object.values(taskGraph.tasks).map((task) => ({
    id: task.id,
    stage: decodeStage(task.id, options[task.id].stage),
    language: task.target.project,
    dependsOn: taskGraph.dependencies[task.id] ?? []
  }))
  for await (const { id, ...result } of runBatchAt(context.root, tasks)) {
    yield { task: id, result: { ...result, success: result.status === "success" } }
  }
}
