import type { Mention } from "#schema"
import { codePointOffsets, sentenceOpenings, wordCharacter, writingOf } from "#text"
import { gazetteerFor } from "./gazetteer.ts"
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
const properNameRank = 2

const gazetteerCandidates = (text: string, lang: string): Array<Candidate> => {
  const { names, pattern } = gazetteerFor(lang)
  if (pattern === undefined) return []
  return [...text.matchAll(pattern)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    label: names.get(match[0]) ?? "",
    rank: gazetteerRank
  }))
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

const capitalisedWord = "[\\p{Lu}\\p{Lt}][\\p{L}\\p{M}]*(?:[-'’][\\p{Lu}\\p{Lt}][\\p{L}\\p{M}]*)*"
const capitalisedRun = new RegExp(
  `(?<!${wordCharacter.source})${capitalisedWord}(?:[ \\u00A0]${capitalisedWord})+(?!${wordCharacter.source})`,
  "gu"
)
const wordInRun = new RegExp(capitalisedWord, "gu")
/**
 * Runs of two or more capitalised words. A run that opens a sentence (#text's `sentenceOpenings`) loses its first
 * word (capitalised only because it opens the sentence) and is kept if two words remain.
 */
const properNameCandidates = (text: string, lang: string): Array<Candidate> => {
  const opensSentence = sentenceOpenings(text, lang)
  return [...text.matchAll(capitalisedRun)].flatMap((match) => {
    const end = match.index + match[0].length
    if (!opensSentence(match.index)) return [{ start: match.index, end, label: "proper name", rank: properNameRank }]
    const words = [...match[0].matchAll(wordInRun)]
    return words.length >= 3
      ? [{ start: match.index + words[1].index, end, label: "proper name", rank: properNameRank }]
      : []
  })
}

/**
 * The teacher's annotation of a passage in language `lang` (a canonical BCP 47 tag): every find of the gazetteer,
 * year and proper-name rules, in order of occurrence, without overlaps. Where finds overlap the one starting first
 * wins, then the longest, then gazetteer over year over proper name. Offsets are code points, end exclusive.
 */
export const annotate = (text: string, lang: string): Array<Mention> => {
  const { cased, capitalisesNouns } = orthographyOf(lang)
  const candidates = [
    ...gazetteerCandidates(text, lang),
    ...yearCandidates(text, lang, writingOf(lang).words === "space"),
    ...(cased && !capitalisesNouns ? properNameCandidates(text, lang) : [])
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
