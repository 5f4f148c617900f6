import { wordCharacter } from "#text"
import type { Find } from "./dictionary.ts"
import { gazetteerFor } from "./gazetteer.ts"

const escapeRegExp = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&")

const cache = new Map<string, RegExp | undefined>()

/**
 * A month name with a day before or after it and/or a year after it: "20 Januari", "Januari 20", "March 17, 2021",
 * "5. března 2020". Built once per language from the gazetteer's month names (ICU's).
 */
const patternOf = (lang: string): RegExp | undefined => {
  if (cache.has(lang)) return cache.get(lang)
  const months = [...gazetteerFor(lang).labels].flatMap(([name, label]) => (label === "month" ? [name] : []))
  const month = `(?:${months.sort((a, b) => b.length - a.length).map(escapeRegExp).join("|")})`
  const day = "\\p{Nd}{1,2}"
  const year = "\\p{Nd}{4}"
  const edge = wordCharacter.source
  const pattern = months.length === 0
    ? undefined
    : new RegExp(
      `(?<!${edge})(?:${day}\\.?\\s${month}(?:\\s?,?\\s${year})?|${month}(?:\\s${day}(?:\\s?,\\s${year})?|\\s?,?\\s${year}))(?!${edge})`,
      "gu"
    )
  cache.set(lang, pattern)
  return pattern
}

/** Dates written with a month's name and spaces around the numbers (Thai "5 มกราคม 2563" too); each -> "date". */
export const dateFinds = (text: string, lang: string): Array<Find> => {
  const pattern = patternOf(lang)
  if (pattern === undefined) return []
  return [...text.matchAll(pattern)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    label: "date"
  }))
}
