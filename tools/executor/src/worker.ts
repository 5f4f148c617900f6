import { parentPort, workerData } from "node:worker_threads"
import { runTaskAt, type StageTask } from "./tasks.ts"

/** A worker thread of a batch: runs each task it is sent in the workspace it was started for, and answers its outcome. */
const { root } = workerData as { readonly root: string }
parentPort?.on("message", (task: StageTask) => {
  void runTaskAt(root, task).then((outcome) => parentPort?.postMessage(outcome))
})
