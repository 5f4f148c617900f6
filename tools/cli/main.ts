// The CLI's entry point. Every Nx task starts a process here, and most of its start-up is compiling modules
// (TypeScript stripped, then effect's and ours compiled): Node's on-disk compile cache, keyed by each file's content,
// saves about 40 ms a task (tools/bench/task-overhead.ts). It must be on before the modules load, so they are
// imported after it.
import { enableCompileCache } from "node:module"

enableCompileCache()
await import("./src/main.ts")
