import { Effect, FileSystem, Schema } from "effect"
import {
  digestBytes,
  digestFile,
  type FileDigest,
  replaceDirectory,
  sha256,
  toJson,
  toJsonl,
  WriteError,
  writeFileAtomic
} from "#files"
import { fragmentName, type LockFragment, renderLock } from "#lock"
import { type LoadedLanguage, Workspace } from "#workspace"
import { stageCodeDigest } from "./code.ts"
import { stageFilePath } from "./files.ts"
import { type FileContent, fileName, lockedPackages, type StageFile, type StageName, type StageSpec, stageTable } from "./table.ts"

type Writes<S extends StageName> = (typeof stageTable)[S]["writes"]

/**
 * A file the stage streamed to disk itself (too large to hold whole), already encoded with the table's schema, with
 * the digest taken as it was written; it is moved into the output folder as is. It must be on the output's disk.
 */
export interface WrittenFile {
  readonly written: string
  readonly digest: FileDigest
}

const isWritten = (content: unknown): content is WrittenFile =>
  typeof content === "object" && content !== null && "written" in content && "digest" in content

/** What a stage program hands over to be written. */
export interface StageResult<S extends StageName> {
  /** Every file the table says the stage writes, by its name in the table: its content, or the file written. */
  readonly files: { readonly [K in keyof Writes<S>]: FileContent<Writes<S>[K]> | WrittenFile }
  /**
   * Fingerprints of what the stage read besides what the table already names (its language, configuration, prompt,
   * upstream files and packages): a model's digest, the LLM endpoint, the corpus. Never a secret.
   */
  readonly inputs?: Record<string, unknown>
  /** Facts that differ between runs of the same inputs (cache hits, retries): kept in the fragment, not folded. */
  readonly run?: Record<string, unknown>
}

const encoder = new TextEncoder()

const encode = (file: StageFile, content: unknown): Uint8Array => {
  const encodeValue = Schema.encodeSync(file.schema as Schema.Codec<unknown, unknown>)
  switch (file.format) {
    case "jsonl":
      return encoder.encode(toJsonl((content as ReadonlyArray<unknown>).map((row) => encodeValue(row))))
    case "json":
      return encoder.encode(toJson(encodeValue(content)))
    case "text":
      return encoder.encode(encodeValue(content) as string)
    case "bytes":
      return encodeValue(content) as Uint8Array
  }
}

/** The sha256 of a file, by its absolute path. */
const fileSha256 = (file: string) => Effect.map(digestFile(file), (digest) => digest.sha256)

/**
 * The lock's record of what the stage read, derived from its row of the stage table, and the digest of its code.
 * `readDigest` digests each upstream file (by its absolute path): a run digests them all, `status` memoises them and
 * says `null` for a missing one.
 */
export const tableInputs = Effect.fnUntraced(function*<E, R>(
  stage: StageName,
  { digest, language }: LoadedLanguage,
  readDigest: (file: string) => Effect.Effect<string | null, E, R>
) {
  const workspace = yield* Workspace
  const spec: StageSpec = stageTable[stage]
  const reads: Record<string, string | null> = {}
  for (const file of spec.reads as ReadonlyArray<StageFile>) {
    const path = yield* stageFilePath(file, language.code)
    reads[`${file.stage}/${fileName(file, language.code)}`] = yield* readDigest(workspace.resolve(path))
  }
  return {
    language: digest,
    ...(spec.config === null ? {} : { config: yield* workspace.readConfig(spec.config, Schema.Unknown) }),
    ...(spec.sharedConfig === undefined ? {} : { sharedConfig: yield* workspace.readConfig(spec.sharedConfig, Schema.Unknown) }),
    ...(spec.prompt === null ? {} : { prompt: sha256(yield* workspace.readText(spec.prompt)) }),
    ...(spec.reads.length === 0 ? {} : { reads }),
    packages: workspace.packageVersions(lockedPackages(stage)),
    code: stageCodeDigest(stage)
  }
})

/**
 * Writes a stage's files (each encoded with the schema the table declares for it) and its lock fragment into a
 * temporary folder, and swaps it in as `languages/<code>/out/<stage>` only when all of them are written: a killed
 * run or a full disk never leaves an output folder that looks complete.
 */
export const writeStageOutput = Effect.fn("writeStageOutput")(function*<S extends StageName>(
  stage: S,
  loaded: LoadedLanguage,
  result: StageResult<S>
) {
  const workspace = yield* Workspace
  const code = loaded.language.code
  const inputs = { ...(yield* tableInputs(stage, loaded, fileSha256)), ...result.inputs }
  const writes = stageTable[stage].writes as Record<string, StageFile>
  const files = Object.entries(writes)
    .map(([key, file]) => {
      const content = (result.files as Record<string, unknown>)[key]
      return { name: fileName(file, code), content: isWritten(content) ? content : encode(file, content) }
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
  const outputs: Record<string, FileDigest> = {}
  yield* replaceDirectory(workspace.resolve(workspace.stageDir(code, stage)), (temporary) =>
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      for (const { name, content } of files) {
        if (isWritten(content)) {
          outputs[name] = content.digest
          yield* fs.rename(content.written, `${temporary}/${name}`).pipe(
            Effect.mapError((cause) => new WriteError({ path: `${temporary}/${name}`, reason: cause.message }))
          )
        } else {
          outputs[name] = digestBytes(name, content)
          yield* writeFileAtomic(`${temporary}/${name}`, content)
        }
      }
      const fragment: LockFragment = {
        language: code,
        stage,
        inputs,
        outputs,
        ...(result.run === undefined ? {} : { run: result.run })
      }
      yield* writeFileAtomic(`${temporary}/${fragmentName}`, renderLock(fragment))
    }))
  return outputs
})
