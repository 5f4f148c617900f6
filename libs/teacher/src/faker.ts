import { createRequire } from "node:module"
import { scriptOf } from "#text"

type Faker = typeof import("@faker-js/faker")
type LocaleDefinition = Faker["allLocales"][keyof Faker["allLocales"]]

/** One faker locale's definitions, with the language and script they are written in. */
export interface FakerLocale {
  readonly key: string
  readonly language: string
  readonly script: string
  readonly definitions: LocaleDefinition
}

const require = createRequire(import.meta.url)

let locales: ReadonlyArray<FakerLocale> | undefined

/**
 * faker's locale keys are language, region and a script or variant: "pt_BR", "sr_RS_latin", "ku_kmr_latin" (a
 * three-letter second part names the language itself: Kurmanji, Sorani). The script is the one the key names, else
 * the likely one of the language
 * and region (zh_TW: Hant). "base" holds no names; "en_BORK" is the Swedish Chef's mock English.
 */
const localeOf = (key: string, definitions: LocaleDefinition): FakerLocale | undefined => {
  if (key === "base" || key === "en_BORK") return undefined
  const parts = key.split("_")
  const language = /^[a-z]{3}$/.test(parts[1] ?? "") ? parts[1] : parts[0]
  const region = parts.find((part) => /^[A-Z]{2}$/.test(part))
  const script = parts.includes("latin")
    ? "Latn"
    : parts.includes("cyrl")
    ? "Cyrl"
    : scriptOf(region === undefined ? language : `${language}-${region}`)
  return { key, language, script, definitions }
}

/**
 * Every faker locale, loaded on first use: the whole package takes about 90 ms to load, which only a process that
 * annotates should pay.
 */
export const fakerLocales = (): ReadonlyArray<FakerLocale> => {
  if (locales === undefined) {
    const { allLocales } = require("@faker-js/faker") as Faker
    locales = Object.entries(allLocales).flatMap(([key, definitions]) => localeOf(key, definitions) ?? [])
  }
  return locales
}

/** The faker locales written in the language and script of a BCP 47 tag: "pt" gets pt_BR and pt_PT. */
export const fakerLocalesOf = (lang: string): ReadonlyArray<FakerLocale> => {
  const language = new Intl.Locale(lang).language
  const script = scriptOf(lang)
  return fakerLocales().filter((locale) => locale.language === language && locale.script === script)
}
