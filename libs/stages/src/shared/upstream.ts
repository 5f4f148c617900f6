import { Effect, FileSystem, type Schema } from "effect"
import { readJson, readJsonl } from "#files"
import type { Stage } from "#schema"
import { MissingUpstream } from "./errors.ts"
import { absolute, stageDir } from "./paths.ts"

const upstreamFile = Effect.fn("upstreamFile")(function*(code: string, stage: Stage, name: string) {
  const fs = yield* FileSystem.FileSystem
  const file = `${stageDir(code, stage)}/${name}`
  if (!(yield* fs.exists(absolute(file)).pipe(Effect.orElseSucceed(() => false)))) {
    return yield* new MissingUpstream({ file, stage })
  }
  return absolute(file)
})

/** Reads an upstream stage's JSONL output; output folders only appear complete, so presence means finished. */
export const readUpstreamRows = <A, I>(code: string, stage: Stage, name: string, schema: Schema.Codec<A, I>) =>
  Effect.flatMap(upstreamFile(code, stage, name), (file) => readJsonl(file, schema))

export const readUpstreamJson = <A, I>(code: string, stage: Stage, name: string, schema: Schema.Codec<A, I>) =>
  Effect.flatMap(upstreamFile(code, stage, name), (file) => readJson(file, schema))
