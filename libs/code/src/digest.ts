import { readFileSync } from "node:fs"
import { join } from "node:path"
import { sha256 } from "#files"
import { closure, type CodeGraph, type Unit } from "./graph.ts"

/**
 * The digest of the code that runs from `roots`: the sha256 of one `<sha256>  <path>` line per TypeScript source
 * of every unit they reach, sorted by path (as `sha256sum` prints them). Tests, fixtures and data files are not code:
 * a stage's configuration, prompt and model are recorded as inputs of their own, so that a changed prompt reads as
 * "prompt changed", not also as "code changed".
 */
export const codeDigest = (root: string, graph: CodeGraph, roots: ReadonlyArray<Unit>): string => {
  const files = closure(graph, roots).units.flatMap((unit) => graph.sources(unit)).toSorted()
  return sha256(files.map((file) => `${sha256(readFileSync(join(root, file)))}  ${file}\n`).join(""))
}
