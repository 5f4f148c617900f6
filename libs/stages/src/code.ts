import { codeDigest, type CodeGraph, codeGraph, type Unit } from "#code"
import { installedRoot } from "#workspace"
import { stageFolder, type StageName } from "./table.ts"

/** The Nx executor every stage target runs (the CLI runs the same `runStage`). */
export const stageRunner: Unit = "tools/executor"

/** Where the code a stage's target runs starts: its folder of the stages library and the executor that loads it. */
export const stageCodeRoots = (stage: StageName): ReadonlyArray<Unit> => [stageFolder(stage), stageRunner]

/**
 * The digest of the code a stage runs (its roots and what they import, see `codeDigest`), read from the installed
 * code, not the workspace root, which may be a folder of data. The import graph is read, and each stage's digest
 * computed, once per process: the code a process runs does not change under it, and a batch of tasks shares them.
 */
export const stageCodeDigest = (stage: StageName): string => {
  graph ??= codeGraph(installedRoot)
  const known = digests.get(stage)
  if (known !== undefined) return known
  const digest = codeDigest(installedRoot, graph, stageCodeRoots(stage))
  digests.set(stage, digest)
  return digest
}

let graph: CodeGraph | undefined
const digests = new Map<StageName, string>()
