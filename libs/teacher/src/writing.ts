import { scriptOf } from "#text"

/**
 * How a language's script is written, as far as the teacher's capitalisation rules care. Whether words are spaced
 * is #text's `writingOf`.
 */
export interface Orthography {
  /** Upper and lower case exist (Latin, Cyrillic, Greek, Armenian): the proper-name rule applies. */
  readonly cased: boolean
  /** Every noun is capitalised (German, Luxembourgish), so capitals say nothing about names. */
  readonly capitalisesNouns: boolean
}

const casedScripts = new Set(["Latn", "Cyrl", "Grek", "Armn"])
const nounCapitalising = new Set(["de", "lb"])

/** The canonical form of a BCP 47 tag, or undefined when `lang` is not one. */
export const canonicalLang = (lang: string): string | undefined => {
  try {
    const [canonical] = Intl.getCanonicalLocales(lang)
    return canonical
  } catch {
    return undefined
  }
}

/** The orthography of a BCP 47 tag; the script is the tag's own or the likely one ICU adds. */
export const orthographyOf = (lang: string): Orthography => ({
  cased: casedScripts.has(scriptOf(lang)),
  capitalisesNouns: nounCapitalising.has(new Intl.Locale(lang).language)
})

const firstCharacter = (word: string) => String.fromCodePoint(word.codePointAt(0) ?? 0)

/** The word with its first character in upper case, by the language's rules (Turkish "i" -> "İ"). */
export const upperFirst = (word: string, lang: string): string => {
  const first = firstCharacter(word)
  return first.toLocaleUpperCase(lang) + word.slice(first.length)
}

/** The word with its first character in lower case, by the language's rules. */
export const lowerFirst = (word: string, lang: string): string => {
  const first = firstCharacter(word)
  return first.toLocaleLowerCase(lang) + word.slice(first.length)
}
