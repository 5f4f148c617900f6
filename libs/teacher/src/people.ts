import { scriptOf } from "#text"
import { type FakerLocale, fakerLocales, fakerLocalesOf } from "./faker.ts"

/** Person names from faker, for one language. */
export interface People {
  /** Given names of the language's own locales (female, male and generic lists). */
  readonly given: ReadonlySet<string>
  /** Given names of every locale written in the language's script: the fallback for languages faker lacks. */
  readonly pooledGiven: ReadonlySet<string>
  /** Family names of the language's own locales. */
  readonly family: ReadonlySet<string>
  /** Honorifics (`person.prefix`: "Mr.", "Dr.", "gđa.") without their final full stop. */
  readonly honorifics: ReadonlySet<string>
}

type Entry = { readonly generic?: ReadonlyArray<string>; readonly female?: ReadonlyArray<string>; readonly male?: ReadonlyArray<string> }

const entries = (entry: Entry | null | undefined): ReadonlyArray<string> =>
  entry == null ? [] : [...(entry.generic ?? []), ...(entry.female ?? []), ...(entry.male ?? [])]

const namesOf = (locales: ReadonlyArray<FakerLocale>, field: "first_name" | "last_name" | "prefix") =>
  new Set(locales.flatMap((locale) => entries(locale.definitions.person?.[field]).map((name) => name.normalize("NFC"))))

const cache = new Map<string, People>()

/** The person names of a (canonical) BCP 47 tag, gathered once per tag. */
export const peopleFor = (lang: string): People => {
  const cached = cache.get(lang)
  if (cached !== undefined) return cached
  const own = fakerLocalesOf(lang)
  const script = scriptOf(lang)
  const people = {
    given: namesOf(own, "first_name"),
    pooledGiven: namesOf(fakerLocales().filter((locale) => locale.script === script), "first_name"),
    family: namesOf(own, "last_name"),
    honorifics: new Set([...namesOf(own, "prefix")].map((prefix) => prefix.replace(/\.$/u, "")))
  }
  cache.set(lang, people)
  return people
}
