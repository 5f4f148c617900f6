export type { BatchItemFault, BatchOptions, CreatedBatch } from "./batch-server.ts"
export { type CacheServer, spawnCacheServer } from "./cache-server.ts"
export { type ChatServer, completion, lastUserMessage, type Received, type Reply, startChatServer } from "./chat-server.ts"
export {
  countsAddUp,
  type FaultKind,
  faultKinds,
  type FaultMix,
  type FaultServer,
  type FaultServerOptions,
  type Received as FaultReceived,
  startFaultServer
} from "./fault-server.ts"
export { commitAll, git, gitWorkspace } from "./git-workspace.ts"
export { BIAS, HEURISTIC_MODEL, HINGES, writeHeuristicScorer } from "./heuristic-scorer.ts"
export { filesContaining } from "./leaks.ts"
export { languageOutputs, nxTasks, type TaskSource } from "./outputs.ts"
export { runAsync } from "./run-async.ts"
export { finerweb, type Run, run, scratchWorkspace } from "./scratch-workspace.ts"
export { needsSharedData, sharedData, sharedDataAbsent } from "./shared-data.ts"
export { type TinyHead, writeTinyTransformer } from "./tiny-transformer.ts"
