import { Effect, Schema } from "effect"
import { writingOf, type Writing } from "#text"
import { Workspace } from "#workspace"

/** The language a gold set is written in, as the prompt names it and its words are cut. */
export interface SetLanguage {
  /** The finerweb language code, or null for a control set of a language finerweb does not build. */
  readonly code: string | null
  readonly name: string
  readonly bcp47: string
  readonly writing: Writing
  /** The sha256 the language's `language.json` pins for the set's file, or null where it pins none. */
  readonly sha256: string | null
}

/**
 * The BCP 47 tags of the registry's sets whose language finerweb does not build (control sets): their names come
 * from ICU's English display names. Chinese GSD is the traditional-script set; finerweb's Chinese is simplified.
 */
const controlLanguages: Readonly<Record<string, string>> = {
  "masakhaner2-hau": "ha",
  "masakhaner2-ibo": "ig",
  "masakhaner2-kin": "rw",
  "masakhaner2-yor": "yo",
  "uner-ceb_gja": "ceb",
  "uner-zh_gsd": "zh-Hant"
}

/** The part of a `language.json` that names its gold sets: what the evaluate stage reads them with. */
const GoldEntries = Schema.Struct({
  gold: Schema.optional(Schema.Array(Schema.Struct({ set: Schema.String, sha256: Schema.String })))
})

const englishNames = new Intl.DisplayNames("en", { type: "language" })

/**
 * The language of a gold set: the finerweb language the registry gives it (its name, tag and word splitting from
 * its `language.json`, and the sha256 pinned there), else the control table's tag; a set in neither is named by its
 * id and tagged `und` (undetermined), its words cut on white space.
 */
export const setLanguage = Effect.fn("setLanguage")(function*(set: string, code: string | null) {
  if (code === null) {
    const bcp47 = controlLanguages[set]
    return bcp47 === undefined
      ? { code, name: set, bcp47: "und", writing: writingOf("und"), sha256: null } satisfies SetLanguage
      : { code, name: englishNames.of(bcp47) ?? set, bcp47, writing: writingOf(bcp47), sha256: null } satisfies SetLanguage
  }
  const workspace = yield* Workspace
  const { language } = yield* workspace.loadLanguage(code)
  const entries = yield* workspace.readConfig(`languages/${code}/language.json`, GoldEntries)
  const pinned = entries.gold?.find((entry) => entry.set === set)
  return {
    code,
    name: language.name,
    bcp47: language.bcp47,
    writing: language.writing,
    sha256: pinned?.sha256 ?? null
  } satisfies SetLanguage
})
