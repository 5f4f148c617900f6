import { Effect, FileSystem, Schema } from "effect"
import { sha256 } from "#files"
import { Language } from "#schema"
import { MalformedLanguage, UnknownLanguage } from "./errors.ts"
import { absolute, languageFile } from "./paths.ts"

export interface LoadedLanguage {
  readonly language: Language
  /** sha256 of the language.json bytes, for the lock. */
  readonly digest: string
}

/** Reads and decodes `languages/<code>/language.json`; the file's own `code` must name its folder. */
export const loadLanguage = Effect.fn("loadLanguage")(function*(code: string) {
  const fs = yield* FileSystem.FileSystem
  const file = languageFile(code)
  const text = yield* fs.readFileString(absolute(file)).pipe(
    Effect.mapError(() => new UnknownLanguage({ code, file }))
  )
  const json = yield* Effect.try({
    try: () => JSON.parse(text) as unknown,
    catch: (cause) => new MalformedLanguage({ file, reason: `not JSON (${(cause as Error).message})` })
  })
  const language = yield* Schema.decodeUnknownEffect(Language)(json).pipe(
    Effect.mapError((error) => new MalformedLanguage({ file, reason: error.message.replace(/\s+/g, " ") }))
  )
  if (language.code !== code) {
    return yield* new MalformedLanguage({ file, reason: `its code is '${language.code}', not '${code}'` })
  }
  return { language, digest: sha256(text) } satisfies LoadedLanguage
})
