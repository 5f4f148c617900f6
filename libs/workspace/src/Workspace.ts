import { Context, Effect, FileSystem, Layer, Path, Schema } from "effect"
import { readFileSync } from "node:fs"
import { findPackageJSON } from "node:module"
import { decodeJsonText, sha256 } from "#files"
import { Language } from "#schema"
import { ConfigError, MalformedLanguage, UnknownLanguage } from "./errors.ts"

/** A decoded `language.json` and the sha256 of its bytes, which the lock pins. */
export interface LoadedLanguage {
  readonly language: Language
  readonly digest: string
}

const make = Effect.fnUntraced(function*(root: string) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const resolve = (relative: string) => path.resolve(root, relative)

  const readText = (file: string) =>
    fs.readFileString(resolve(file)).pipe(
      Effect.mapError((cause) => new ConfigError({ file, reason: `cannot be read (${cause.message})` }))
    )

  const readConfig = <A, I>(file: string, schema: Schema.Codec<A, I>) =>
    readText(file).pipe(
      Effect.flatMap((text) => decodeJsonText(text, schema).pipe(Effect.mapError((reason) => new ConfigError({ file, reason }))))
    )

  const languageFile = (code: string) => `languages/${code}/language.json`

  const loadLanguage = Effect.fn("Workspace.loadLanguage")(function*(code: string) {
    const file = languageFile(code)
    const text = yield* fs.readFileString(resolve(file)).pipe(Effect.mapError(() => new UnknownLanguage({ code, file })))
    const language = yield* decodeJsonText(text, Language).pipe(
      Effect.mapError((reason) => new MalformedLanguage({ file, reason }))
    )
    if (language.code !== code) {
      return yield* new MalformedLanguage({ file, reason: `its code is '${language.code}', not '${code}'` })
    }
    return { language, digest: sha256(text) } satisfies LoadedLanguage
  })

  return Workspace.of({
    root,
    resolve,
    stageDir: (code, stage) => `languages/${code}/out/${stage}`,
    readText,
    readConfig,
    loadLanguage,
    packageVersions
  })
})

/**
 * Installed versions of packages, as the code that runs resolves them (not from the workspace root, which may be a
 * folder of data without node_modules).
 */
const packageVersions = (names: ReadonlyArray<string>): Record<string, string> =>
  Object.fromEntries(names.map((name) => {
    const file = findPackageJSON(name, import.meta.url)
    if (file === undefined) throw new Error(`package ${name} is not installed`)
    return [name, (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version]
  }))

/**
 * The workspace the stages read and write: its root, where each language's files and each stage's outputs live, its
 * configuration files and prompts (paths relative to the root) and the versions of the packages that run.
 */
export class Workspace extends Context.Service<Workspace, {
  /** Absolute path of the workspace root. */
  readonly root: string
  /** The absolute path of a path relative to the root. */
  readonly resolve: (relative: string) => string
  /** `languages/<code>/out/<stage>`, relative to the root. */
  readonly stageDir: (code: string, stage: string) => string
  /** A text file (a prompt), relative to the root. */
  readonly readText: (file: string) => Effect.Effect<string, ConfigError>
  /** A JSON configuration file, relative to the root, decoded with the options schema of what it configures. */
  readonly readConfig: <A, I>(file: string, schema: Schema.Codec<A, I>) => Effect.Effect<A, ConfigError>
  /** Reads and decodes `languages/<code>/language.json`, whose own `code` must name its folder. */
  readonly loadLanguage: (code: string) => Effect.Effect<LoadedLanguage, UnknownLanguage | MalformedLanguage>
  readonly packageVersions: (names: ReadonlyArray<string>) => Record<string, string>
}>()("finerweb/workspace/Workspace") {
  /** The workspace at `root`; the application provides the file system once. */
  static readonly layer = (root: string): Layer.Layer<Workspace, never, FileSystem.FileSystem | Path.Path> =>
    Layer.effect(Workspace, make(root))
}
