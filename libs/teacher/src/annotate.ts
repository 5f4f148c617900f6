import type { Mention } from "#schema"
import { codePointOffsets, sentenceOpenings, wordCharacter, writingOf } from "#text"
import { dateFinds } from "./dates.ts"
import { findNames } from "./dictionary.ts"
import { gazetteerFor } from "./gazetteer.ts"
import { formsOf, inflectionOf, inflects } from "./inflection.ts"
import { nameFinds } from "./names.ts"
import { thaiPersonFinds } from "./thai.ts"
import { orthographyOf } from "./writing.ts"

/** A rule's find, in UTF-16 offsets; `rank` breaks ties between equally long finds (lower wins). */
interface Candidate {
  readonly start: number
  readonly end: number
  readonly label: string
  readonly rank: number
}

const gazetteerRank = 0
const yearRank = 1
const nameRank = 2
/** A town shares its name with many a person and word: a typed name of the same length wins ("president Obama"). */
const cityRank = 3
const properNameRank = 4

const gazetteerCandidates = (text: string, lang: string, spaced: boolean, cased: boolean): Array<Candidate> => {
  const inflection = inflectionOf(lang)
  const forms = inflects(inflection) ? (word: string) => formsOf(word, inflection).slice(1) : undefined
  const opensSentence = cased ? sentenceOpenings(text, lang) : () => false
  return findNames(text, gazetteerFor(lang), spaced, forms).flatMap((find) =>
    // A one-word town name opening a sentence is far more often a capitalised word ("Best", "Most", "Como").
    find.label === "city" && opensSentence(find.start) && !/\s/u.test(text.slice(find.start, find.end))
      ? []
      : [{ ...find, rank: find.label === "city" ? cityRank : gazetteerRank }])
}

const digitCache = new Map<string, string>()

/** ASCII digits and the digits the language writes numbers with (Bengali "০".."৯", Burmese "၀".."၉", ...). */
const digitsOf = (lang: string): string => {
  const cached = digitCache.get(lang)
  if (cached !== undefined) return cached
  const format = new Intl.NumberFormat(lang, { useGrouping: false })
  const native = Array.from({ length: 10 }, (_, digit) => format.format(digit)).join("")
  const digits = [...native].length === 10 && native !== "0123456789" ? "0123456789" + native : "0123456789"
  digitCache.set(lang, digits)
  return digits
}

const digitValue = (digits: string, character: string) => [...digits].indexOf(character) % 10

/**
 * Four digits worth 1000-2099 that stand alone: not inside a longer number (no digit, and no digit after a
 * decimal or grouping separator, on either side) and, where words are spaced, not glued to a letter.
 */
const yearCandidates = (text: string, lang: string, spaced: boolean): Array<Candidate> => {
  const digits = digitsOf(lang)
  const digit = `[${digits}]`
  const glue = spaced ? wordCharacter.source : "\\p{N}"
  const pattern = new RegExp(`(?<!${glue}|\\p{N}[.,])${digit}{4}(?!${glue}|[.,]\\p{N})`, "gu")
  return [...text.matchAll(pattern)].flatMap((match) => {
    const value = [...match[0]].reduce((total, character) => total * 10 + digitValue(digits, character), 0)
    return value >= 1000 && value <= 2099
      ? [{ start: match.index, end: match.index + match[0].length, label: "year", rank: yearRank }]
      : []
  })
}

const nameCandidates = (text: string, lang: string): Array<Candidate> =>
  nameFinds(text, lang).map((find) => ({ ...find, rank: find.label === "proper name" ? properNameRank : nameRank }))

/**
 * The teacher's annotation of a passage in language `lang` (a canonical BCP 47 tag): every find of the gazetteer,
 * year and proper-name rules, in order of occurrence, without overlaps. Where finds overlap the one starting first
 * wins, then the longest, then gazetteer over year over proper name. Offsets are code points, end exclusive.
 */
export const annotate = (text: string, lang: string): Array<Mention> => {
  const { cased, capitalisesNouns } = orthographyOf(lang)
  const spaced = writingOf(lang).words === "space"
  const candidates = [
    ...gazetteerCandidates(text, lang, spaced, cased),
    ...yearCandidates(text, lang, spaced),
    ...dateFinds(text, lang).map((find) => ({ ...find, rank: gazetteerRank })),
    ...(cased && !capitalisesNouns ? nameCandidates(text, lang) : []),
    ...(new Intl.Locale(lang).language === "th"
      ? thaiPersonFinds(text).map((find) => ({ ...find, rank: nameRank }))
      : [])
  ].sort((a, b) => a.start - b.start || b.end - a.end || a.rank - b.rank)
  const offsets = codePointOffsets(text)
  const mentions: Array<Mention> = []
  let reached = 0
  for (const candidate of candidates) {
    if (candidate.start < reached) continue
    mentions.push({
      mention: text.slice(candidate.start, candidate.end),
      label: candidate.label,
      start: offsets[candidate.start],
      end: offsets[candidate.end]
    })
    reached = candidate.end
  }
  return mentions
}
