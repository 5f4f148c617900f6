import { type ClassLabel, cuesFor, type HeadLabel } from "./cues.ts"
import { gazetteerFor } from "./gazetteer.ts"
import { formsOf, inflectionOf } from "./inflection.ts"
import { peopleFor } from "./people.ts"
import { englishCountryNames } from "./places.ts"
import { lowerFirst, upperFirst } from "./writing.ts"

/** What the rules know of one language's names, gathered once per language. */
export interface Knowledge {
  /** A given name of the language's own faker locales, and not a place. */
  readonly isOwnGiven: (word: string) => boolean
  /** A given name of any faker locale in the language's script, and not a place. */
  readonly isGiven: (word: string) => boolean
  readonly isFamily: (word: string) => boolean
  readonly isTitle: (word: string) => boolean
  readonly head: (word: string) => HeadLabel | undefined
  readonly isConnector: (word: string) => boolean
  readonly isArticle: (word: string) => boolean
  readonly lowerCaseHeads: boolean
  /** A compound whose last part is a head noun, not the head noun itself. */
  readonly isCompound: (word: string) => boolean
  /** A country, region or city of the gazetteer, or an English country name, in any form inflection gives. */
  readonly isPlace: (word: string) => boolean
  /** A month or weekday name of the gazetteer. */
  readonly isCalendar: (word: string) => boolean
  /** The language writes ordinal numbers with a full stop ("III." for "the third"). */
  readonly ordinalDot: boolean
  /** What a noun-class prefix before a capital marks ("uMaswana" -> person), if the word has one. */
  readonly classOf: (word: string) => ClassLabel | undefined
}

/** Languages that write an ordinal number with a full stop after it ("III." for "the third"). */
const ordinalDotLanguages = new Set(["bs", "cs", "da", "de", "et", "fi", "hr", "hu", "is", "lv", "nb", "sk", "sl", "sr", "tr"])

const knowledgeCache = new Map<string, Knowledge>()

export const knowledgeOf = (lang: string): Knowledge => {
  const cached = knowledgeCache.get(lang)
  if (cached !== undefined) return cached
  const people = peopleFor(lang)
  const cues = cuesFor(lang)
  const inflection = inflectionOf(lang)
  const inAny = (set: ReadonlySet<string>) => (word: string) => formsOf(word, inflection).some((form) => set.has(form))
  const ownHead = (word: string): HeadLabel | undefined => {
    for (const form of formsOf(word, inflection)) {
      const label = cues.heads.get(upperFirst(form, lang)) ?? cues.heads.get(form)
      if (label !== undefined) return label
    }
    return undefined
  }
  // A compound ends in a head noun: "Forsvarsministeriet" ends in "ministeriet".
  const compoundHead = (word: string): HeadLabel | undefined => {
    if (!cues.compoundHeads) return undefined
    for (const form of formsOf(word, inflection)) {
      for (const [head, label] of cues.heads) {
        const lower = lowerFirst(head, lang)
        if (form.length > lower.length + 2 && form.endsWith(lower)) return label
      }
    }
    return undefined
  }
  const places = gazetteerFor(lang).labels
  const placeLabels = new Set(["country", "region", "city"])
  const calendarLabels = new Set(["month", "date"])
  const english = englishCountryNames()
  const isPlace = (word: string) =>
    formsOf(word, inflection).some((form) => placeLabels.has(places.get(form) ?? "") || english.has(form))
  const knowledge = {
    isOwnGiven: (word: string) => !isPlace(word) && inAny(people.given)(word),
    isGiven: (word: string) => !isPlace(word) && inAny(people.pooledGiven)(word),
    isFamily: inAny(people.family),
    isTitle: (word: string) => {
      const lower = lowerFirst(word, lang).replace(/\.$/u, "")
      return cues.titles.has(lower) || people.honorifics.has(word) || people.honorifics.has(lower)
    },
    head: (word: string) => ownHead(word) ?? compoundHead(word),
    isConnector: (word: string) => cues.connectors.has(word),
    isArticle: (word: string) => cues.articles.has(word),
    lowerCaseHeads: cues.lowerCaseHeads,
    isCompound: (word: string) => ownHead(word) === undefined && compoundHead(word) !== undefined,
    isPlace,
    isCalendar: (word: string) => calendarLabels.has(places.get(word) ?? ""),
    ordinalDot: ordinalDotLanguages.has(new Intl.Locale(lang).language),
    classOf: (word: string) => {
      const prefix = /^\p{Ll}+(?=\p{Lu})/u.exec(word.replace(/^[UI](?=\p{Lu})/u, (capital) => capital.toLowerCase()))
      return prefix === null ? undefined : cues.classPrefixes.get(prefix[0])
    }
  }
  knowledgeCache.set(lang, knowledge)
  return knowledge
}
