import { NodeServices } from "@effect/platform-node"
import { Effect } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { digestBytes } from "#files"

/** Writes a stage's output files and its fragment, whose outputs are those files' digests. */
export const writeStage = (
  root: string,
  language: string,
  stage: string,
  inputs: Record<string, unknown>,
  files: Record<string, string>
) => {
  const dir = path.join(root, "languages", language, "out", stage)
  fs.mkdirSync(dir, { recursive: true })
  const outputs: Record<string, unknown> = {}
  for (const [name, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), text)
    outputs[name] = digestBytes(name, new TextEncoder().encode(text))
  }
  fs.writeFileSync(path.join(dir, "lock.json"), JSON.stringify({ language, stage, inputs, outputs }))
}

/**
 * A workspace with two languages whose sample stage wrote one output and its fragment. The sha256 of
 * `{"id":"tha_Thai-1"}\n` (20 bytes) is 1cad069303a4409b23082a42f5c6b500cdf7fcaf438846ba5faf7c4641903e9c.
 */
export const workspace = () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "finerweb-lock-"))
  for (const language of ["afr_Latn", "tha_Thai"]) {
    writeStage(root, language, "sample", { seed: "s" }, { "passages.jsonl": `{"id":"${language}-1"}\n` })
  }
  return root
}

/** The stages whose outputs these tests pin. */
export const pinned = ["sample", "score", "judge"]

export const run = <A, E>(effect: Effect.Effect<A, E, NodeServices.NodeServices>) => effect.pipe(Effect.provide(NodeServices.layer))
