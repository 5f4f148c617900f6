/** How a language's script is written, as far as the teacher's rules care. */
export interface Writing {
  /** Upper and lower case exist (Latin, Cyrillic, Greek, Armenian): the proper-name rule applies. */
  readonly cased: boolean
  /** Words are separated by spaces: gazetteer names must match whole words. */
  readonly spaced: boolean
  /** Every noun is capitalised (German, Luxembourgish), so capitals say nothing about names. */
  readonly capitalisesNouns: boolean
}

const casedScripts = new Set(["Latn", "Cyrl", "Grek", "Armn"])
const unspacedScripts = new Set(["Thai", "Laoo", "Khmr", "Mymr", "Jpan", "Hani", "Hans", "Hant"])
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

/** The writing facts of a BCP 47 tag; the script is the tag's own or the likely one ICU adds. */
export const writingOf = (lang: string): Writing => {
  const locale = new Intl.Locale(lang).maximize()
  const script = locale.script ?? "Latn"
  return {
    cased: casedScripts.has(script),
    spaced: !unspacedScripts.has(script),
    capitalisesNouns: nounCapitalising.has(locale.language)
  }
}
