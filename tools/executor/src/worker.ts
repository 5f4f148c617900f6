import { enableCompileCache } from "node:module"
import { parentPort, workerData } from "node:worker_threads"
import type { StageTask } from "./tasks.ts"

/** A worker thread of a batch: runs each task it is sent in the workspace it was started for, and answers its outcome. */

// As in the batch's own thread: the compile cache first, then the modules it caches.
enableCompileCache()
const { runTaskAt } = await import("./tasks.ts")
const { root } = workerData as { readonly root: string }
parentPort?.on("message", (task: StageTask) => {
  void runTaskAt(root, task).then((outcome) => parentPort?.postMessage(outcome))
})
