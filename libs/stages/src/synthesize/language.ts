import { Effect } from "effect"
import type { GoldSetEntry } from "#gold"
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

const englishNames = new Intl.DisplayNames("en", { type: "language" })

/**
 * The language of a gold set: the finerweb language the registry gives it (its name, tag and word splitting from
 * its `language.json`, and the sha256 pinned there), else the registry's tag of a control set; a set in neither is named by its
 * id and tagged `und` (undetermined), its words cut on white space.
 */
export const setLanguage = Effect.fn("setLanguage")(function*(set: string, entry: GoldSetEntry | undefined) {
  const code = entry?.language ?? null
  if (code === null) {
    const bcp47 = entry?.bcp47
    return bcp47 === undefined
      ? { code, name: set, bcp47: "und", writing: writingOf("und"), sha256: null } satisfies SetLanguage
      : { code, name: englishNames.of(bcp47) ?? set, bcp47, writing: writingOf(bcp47), sha256: null } satisfies SetLanguage
  }
  const workspace = yield* Workspace
  const { language } = yield* workspace.loadLanguage(code)
  const pinned = language.gold?.find((gold) => gold.set === set)
  return {
    code,
    name: language.name,
    bcp47: language.bcp47,
    writing: language.writing,
    sha256: pinned?.sha256 ?? null
  } satisfies SetLanguage
})
