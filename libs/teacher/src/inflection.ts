/**
 * The dictionary forms a word may stand for, in languages that inflect names: Croatian "Hrvatskoj" and "Zagrebu"
 * are "Hrvatska" and "Zagreb", Slovak "Bratislave" is "Bratislava", Swedish "Kenyas" and "FN:s" are genitives of
 * "Kenya" and "FN", isiXhosa "eKapa" (in Cape Town) is "Kapa". The caller looks every form up and keeps the word as
 * written, ending or prefix included, as the mention (as gold annotations do).
 */

/** A case ending and the dictionary ending that replaces it ("oj" -> "a": "Hrvatskoj" -> "Hrvatska"). */
type Ending = readonly [ending: string, replacement: string]

export interface Inflection {
  readonly endings: ReadonlyArray<Ending>
  /** A noun-class prefix is written in lower case before a capitalised name ("eKapa", "ngoLwesihlanu"). */
  readonly classPrefixes: boolean
}

const endings = (list: string): ReadonlyArray<Ending> =>
  list.split(" ").map((pair) => {
    const [ending, replacement] = pair.split(">")
    return [ending, replacement ?? ""] as const
  })

/** Croatian, Serbian and Bosnian: genitive, dative/locative, accusative, instrumental of nouns and adjectives. */
const southSlavic = endings("a u om em e ima ama i e>a i>a u>a om>a oj>a a>o u>o om>o a>e u>e em>e og>i om>i e>o")

/** Slovak and Czech: the same cases, with their own endings (-ej, -ou, -ého, -ovi). */
const westSlavic = endings(
  "a u om em e i y ovi y>a e>a u>a ou>a i>a ej>á ou>á ú>á ého>ý ému>ý om>ý ým>ý u>o a>o om>o ovej>ová ovou>ová"
)

/** Danish, Norwegian and Swedish: the genitive -s (Swedish writes ":s" after an abbreviation, below). */
const scandinavian = endings("s")

const none: Inflection = { endings: [], classPrefixes: false }

const table: Readonly<Record<string, Inflection>> = {
  hr: { endings: southSlavic, classPrefixes: false },
  sr: { endings: southSlavic, classPrefixes: false },
  bs: { endings: southSlavic, classPrefixes: false },
  sk: { endings: westSlavic, classPrefixes: false },
  cs: { endings: westSlavic, classPrefixes: false },
  da: { endings: scandinavian, classPrefixes: false },
  nb: { endings: scandinavian, classPrefixes: false },
  sv: { endings: scandinavian, classPrefixes: false },
  xh: { endings: [], classPrefixes: true },
  zu: { endings: [], classPrefixes: true }
}

/** The inflection of a (canonical) BCP 47 tag; none for a language that does not inflect names so. */
export const inflectionOf = (lang: string): Inflection => table[new Intl.Locale(lang).language] ?? none

export const inflects = (inflection: Inflection): boolean =>
  inflection.endings.length > 0 || inflection.classPrefixes

/** Shortest stem an ending may leave, so that short words ("Una", "Ivi") do not turn into other names. */
const shortestStem = 3

/** An abbreviation takes its ending after a hyphen or a colon: Croatian "NATO-a", "SAD-u", Swedish "FN:s". */
const hyphenatedEnding = /^(\p{Lu}[\p{Lu}\p{N}]+)[-:]\p{Ll}{1,3}$/u

/** A noun-class prefix: lower-case letters before a capital. */
const classPrefix = /^\p{Ll}{1,6}(?=\p{Lu})/u

/** The word itself, then each form the language's inflection gives. */
export const formsOf = (word: string, inflection: Inflection): Array<string> => {
  const forms = [word]
  if (!inflects(inflection)) return forms
  const abbreviation = hyphenatedEnding.exec(word)
  if (abbreviation !== null) forms.push(abbreviation[1])
  if (inflection.classPrefixes) {
    const prefix = classPrefix.exec(word)
    if (prefix !== null) forms.push(word.slice(prefix[0].length))
  }
  for (const [ending, replacement] of inflection.endings) {
    if (!word.endsWith(ending) || word.length - ending.length < shortestStem) continue
    forms.push(word.slice(0, word.length - ending.length) + replacement)
  }
  return forms
}
