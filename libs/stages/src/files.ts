import { Effect, FileSystem, Schema } from "effect"
import { readJson, readJsonl } from "#files"
import { Workspace } from "#workspace"
import { type FileContent, fileName, type StageFile } from "./table.ts"

/** An upstream stage's output is missing: the stage that writes it has not run (or did not finish). */
export class MissingUpstream extends Schema.TaggedError<MissingUpstream>()("MissingUpstream", {
  file: Schema.String,
  stage: Schema.String
}) {
  override get message() {
    return `${this.file} is missing: run the ${this.stage} stage for this language first`
  }
}

/** Where a stage file of a language lives, relative to the workspace root. */
export const stageFilePath = Effect.fnUntraced(function*(file: StageFile, code: string) {
  const workspace = yield* Workspace
  return `${workspace.stageDir(code, file.stage)}/${fileName(file, code)}`
})

/**
 * Reads and decodes a file another stage wrote, with the schema the table declares for it. Output folders only ever
 * appear complete, so a file that is there was written by a finished run.
 */
export const readStageFile = Effect.fn("readStageFile")(function*<F extends StageFile>(file: F, code: string) {
  const workspace = yield* Workspace
  const fs = yield* FileSystem.FileSystem
  const relative = yield* stageFilePath(file, code)
  const absolute = workspace.resolve(relative)
  if (!(yield* fs.exists(absolute).pipe(Effect.orElseSucceed(() => false)))) {
    return yield* new MissingUpstream({ file: relative, stage: file.stage })
  }
  const content = file.format === "jsonl"
    ? yield* readJsonl(absolute, file.schema)
    : file.format === "json"
    ? yield* readJson(absolute, file.schema)
    : file.format === "text"
    ? yield* fs.readFileString(absolute)
    : yield* fs.readFile(absolute)
  return content as FileContent<F>
})
