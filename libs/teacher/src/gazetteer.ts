import { type Dictionary, dictionaryOf } from "./dictionary.ts"
import { peopleFor } from "./people.ts"
import { cityNames, countryNames, fakerPlaces } from "./places.ts"
import { orthographyOf, upperFirst } from "./writing.ts"

export type GazetteerLabel = "country" | "region" | "city" | "language" | "currency" | "month" | "date"

/** ISO 3166-1 alpha-2 (the 249 assigned codes; ICU also names reserved and deprecated ones, left out). */
const countryCodes = (
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
  "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO " +
  "FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE " +
  "JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO " +
  "MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW " +
  "PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM " +
  "TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
).split(" ")

/** The UN M49 macro-regions that CLDR names, less 001 "World": "the world" names no place, in NER's conventions. */
const regionCodes = (
  "002 003 005 009 011 013 014 015 017 018 019 021 029 030 034 035 039 053 054 057 061 142 143 145 150 151 " +
  "154 155 202 419"
).split(" ")

const letters = "abcdefghijklmnopqrstuvwxyz"
/** Every two-letter code; ICU names exactly the ISO 639-1 ones and echoes the rest back. */
const languageCodes = [...letters].flatMap((first) => [...letters].map((second) => first + second))

/** Mid-month dates of a leap year, read in UTC so no time zone moves them across a month boundary. */
const midMonths = Array.from({ length: 12 }, (_, month) => new Date(Date.UTC(2000, month, 15)))

const displayNames = (lang: string, type: Intl.DisplayNamesType, codes: ReadonlyArray<string>) => {
  if (Intl.DisplayNames.supportedLocalesOf([lang]).length === 0) return []
  return (["long", "short"] as const).flatMap((style) => {
    const names = new Intl.DisplayNames(lang, { type, style })
    // ICU echoes a code it has no name for; that is not a name.
    return codes.flatMap((code) => {
      const name = names.of(code) ?? code
      return name.toUpperCase() === code.toUpperCase() ? [] : [name]
    })
  })
}

/**
 * Month names: the stand-alone form (month alone, or with a year) and the format form (with a day), which differ
 * in languages that inflect months (Russian "январь" / "января"). Gregorian calendar only.
 */
const monthNames = (lang: string) => {
  if (Intl.DateTimeFormat.supportedLocalesOf([lang]).length === 0) return []
  const formats: ReadonlyArray<Intl.DateTimeFormatOptions> = [
    { month: "long" },
    { month: "long", year: "numeric" },
    { month: "long", day: "numeric" }
  ]
  return formats.flatMap((options) => {
    const format = new Intl.DateTimeFormat(lang, { ...options, calendar: "gregory", timeZone: "UTC" })
    return midMonths.map((date) => format.formatToParts(date).find((part) => part.type === "month")?.value ?? "")
  })
}

/** The seven days of a week (3-9 January 2000, Monday to Sunday), read in UTC. */
const weekDays = Array.from({ length: 7 }, (_, day) => new Date(Date.UTC(2000, 0, 3 + day)))

/** Names of the days of the week, in their stand-alone form and in a date (which differ in some languages). */
const dayNames = (lang: string) => {
  if (Intl.DateTimeFormat.supportedLocalesOf([lang]).length === 0) return []
  const formats: ReadonlyArray<Intl.DateTimeFormatOptions> = [{ weekday: "long" }, { weekday: "long", day: "numeric" }]
  return formats.flatMap((options) => {
    const format = new Intl.DateTimeFormat(lang, { ...options, calendar: "gregory", timeZone: "UTC" })
    return weekDays.map((date) => format.formatToParts(date).find((part) => part.type === "weekday")?.value ?? "")
  })
}

/**
 * A town that shares its name with a person ("Clinton", "Elizabeth", "Martin") is far more often the person; only
 * a city of at least this many inhabitants keeps such a name.
 */
const namesakePopulation = 200_000

const build = (lang: string): Dictionary => {
  const { cased } = orthographyOf(lang)
  const places = fakerPlaces(lang)
  const people = peopleFor(lang)
  const isPersonName = (name: string) => people.pooledGiven.has(name) || people.family.has(name)
  const sources: ReadonlyArray<readonly [GazetteerLabel, ReadonlyArray<string>]> = [
    ["country", displayNames(lang, "region", countryCodes)],
    ["region", displayNames(lang, "region", regionCodes)],
    ["language", displayNames(lang, "language", languageCodes)],
    ["currency", displayNames(lang, "currency", Intl.supportedValuesOf("currency"))],
    ["month", monthNames(lang)],
    ["date", dayNames(lang)],
    ["country", countryNames(lang)],
    ["city", places.cities.filter((city) => !isPersonName(city))],
    ["region", places.regions]
  ]
  const names = new Map<string, GazetteerLabel>()
  const add = (name: string, label: GazetteerLabel) => {
    // The first source to name a string keeps it, in the order above.
    if ((name.length > 2 || [...name].length >= 2) && !names.has(name)) names.set(name, label)
  }
  for (const [label, found] of sources) {
    for (const raw of found) {
      const name = raw.normalize("NFC").trim()
      add(name, label)
      // A lower-case name ("mars", "euro") is capitalised at the start of a sentence.
      if (cased && name !== "") add(upperFirst(name, lang), label)
    }
  }
  // GeoNames names are capitalised, trimmed and in NFC already; there are tens of thousands of them.
  for (const city of cityNames(lang)) {
    if (city.population >= namesakePopulation || !isPersonName(city.name)) add(city.name, "city")
  }
  return dictionaryOf(names)
}

const cache = new Map<string, Dictionary>()

/** The gazetteer of a (canonical) BCP 47 tag, built once per tag. */
export const gazetteerFor = (lang: string): Dictionary => {
  const cached = cache.get(lang)
  if (cached !== undefined) return cached
  const gazetteer = build(lang)
  cache.set(lang, gazetteer)
  return gazetteer
}
