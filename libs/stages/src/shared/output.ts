import { Effect } from "effect"
import { digestBytes, type FileDigest, replaceDirectory, writeFileAtomic } from "#files"
import { fragmentName, type LockFragment, renderLock } from "#lock"
import type { Stage } from "#schema"
import { absolute, stageDir } from "./paths.ts"

export interface StageResult {
  /** Fingerprints of everything the stage read, pinned in the lock. Never a secret. */
  readonly inputs: Record<string, unknown>
  /** Output files by name; `manifest.json` among them says what happened in numbers. */
  readonly files: Record<string, string>
}

/**
 * Writes a stage's files and its lock fragment into a temporary folder and swaps it in as
 * `languages/<code>/out/<stage>` only when all of them are written: a killed run or a full disk never leaves an
 * output folder that looks complete.
 */
export const writeStageOutput = Effect.fn("writeStageOutput")(function*(code: string, stage: Stage, result: StageResult) {
  const encoder = new TextEncoder()
  const outputs: Record<string, FileDigest> = {}
  yield* replaceDirectory(absolute(stageDir(code, stage)), (temporary) =>
    Effect.gen(function*() {
      for (const name of Object.keys(result.files).sort()) {
        const bytes = encoder.encode(result.files[name])
        outputs[name] = digestBytes(name, bytes)
        yield* writeFileAtomic(`${temporary}/${name}`, bytes)
      }
      const fragment: LockFragment = { language: code, stage, inputs: result.inputs, outputs }
      yield* writeFileAtomic(`${temporary}/${fragmentName}`, renderLock(fragment))
    }))
  return outputs
})
