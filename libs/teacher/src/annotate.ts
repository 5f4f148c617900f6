import type { Mention } from "#schema"
import { gazetteerFor } from "./gazetteer.ts"
import { writingOf } from "./writing.ts"

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
  const glue = spaced ? "[\\p{L}\\p{M}\\p{N}]" : "\\p{N}"
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
  `(?<![\\p{L}\\p{M}\\p{N}])${capitalisedWord}(?:[ \\u00A0]${capitalisedWord})+(?![\\p{L}\\p{M}\\p{N}])`,
  "gu"
)
const wordInRun = new RegExp(capitalisedWord, "gu")
const skippedBeforeSentence = /[\s\p{Ps}\p{Pi}"'¿¡]/u
const sentenceTerminal = /\p{Sentence_Terminal}/u

/** Whether `index` starts a sentence: only spaces, opening quotes or brackets since a line start or a full stop. */
const startsSentence = (text: string, index: number): boolean => {
  for (let i = index - 1; i >= 0; i--) {
    const character = text[i]
    if (character === "\n" || character === "\r") return true
    if (!skippedBeforeSentence.test(character)) return sentenceTerminal.test(character)
  }
  return true
}

/**
 * Runs of two or more capitalised words. A run that starts a sentence loses its first word (capitalised only
 * because it starts the sentence) and is kept if two words remain.
 */
const properNameCandidates = (text: string): Array<Candidate> =>
  [...text.matchAll(capitalisedRun)].flatMap((match) => {
    const end = match.index + match[0].length
    if (!startsSentence(text, match.index)) return [{ start: match.index, end, label: "proper name", rank: properNameRank }]
    const words = [...match[0].matchAll(wordInRun)]
    return words.length >= 3
      ? [{ start: match.index + words[1].index, end, label: "proper name", rank: properNameRank }]
      : []
  })

/** UTF-16 offset -> code point offset, for one text. */
const codePointOffsets = (text: string): Uint32Array => {
  const offsets = new Uint32Array(text.length + 1)
  let codePoints = 0
  for (let i = 0; i < text.length; i++) {
    offsets[i] = codePoints
    const unit = text.charCodeAt(i)
    // A high surrogate and its low surrogate are one code point.
    if (unit < 0xd800 || unit > 0xdbff || i + 1 >= text.length) codePoints++
  }
  offsets[text.length] = codePoints
  return offsets
}

/**
 * The teacher's annotation of a passage in language `lang` (a canonical BCP 47 tag): every find of the gazetteer,
 * year and proper-name rules, in order of occurrence, without overlaps. Where finds overlap the one starting first
 * wins, then the longest, then gazetteer over year over proper name. Offsets are code points, end exclusive.
 */
export const annotate = (text: string, lang: string): Array<Mention> => {
  const writing = writingOf(lang)
  const candidates = [
    ...gazetteerCandidates(text, lang),
    ...yearCandidates(text, lang, writing.spaced),
    ...(writing.cased && !writing.capitalisesNouns ? properNameCandidates(text) : [])
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
