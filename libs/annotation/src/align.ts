import type { Mention } from "#schema"
import { atWordBoundary, codePointOffsets, type WordSplitting } from "#text"
import type { ListedMention } from "./mention.ts"
import { addRejection, type Rejections } from "./rejections.ts"

export type AlignOptions = {
  /** The language's word splitting: in `space` scripts a mention must start and end at word boundaries. */
  readonly words: WordSplitting
}

export type AlignedMentions = { readonly spans: ReadonlyArray<Mention>; readonly rejected: Rejections }

/** A placed mention, in UTF-16 units, end exclusive. */
type Placed = { readonly start: number; readonly end: number; readonly label: string; readonly mention: string }

/** Quotes, brackets, other punctuation and white space an annotator may wrap a mention in. */
const wrapping = /^[\s\p{P}`]+|[\s\p{P}`]+$/gu

/**
 * Places each listed mention in the passage as an exact, case-sensitive substring, left to right with a cursor
 * (FiNERweb, section 2.4): a mention is looked for from the cursor, and when found the cursor moves to its end.
 * LLMs do not always list in order, so a mention not found after the cursor is looked for from the start, at an
 * occurrence overlapping no span placed so far; such a find leaves the cursor where it is, since the mentions listed
 * next most likely follow the earlier ones. Where the mention as written does not occur, it is tried again without
 * surrounding quotes and punctuation. In scripts written with spaces (`words: "space"`) only an occurrence that
 * starts and ends at a word boundary counts: "Russland" is not found inside "Russlands". Scripts cut by the
 * segmenter have no such rule, since their words are not marked in the text.
 *
 * Every listed mention not placed is counted:
 * - mention-not-in-text: the mention does not occur in the passage;
 * - mention-inside-word: it occurs, but only inside longer words (spaced scripts);
 * - repetition: every occurrence is already a span of that very text, so the mention was listed more often than
 *   the passage holds it;
 * - malformed: every occurrence overlaps a different span (a nested or crossing mention), which flat spans cannot
 *   hold; "mention-not-in-text" would misreport it, since the mention does occur. An empty mention is malformed too.
 *
 * Spans come sorted by start, with offsets in code points, end exclusive.
 */
export const alignMentions = (
  text: string,
  mentions: ReadonlyArray<ListedMention>,
  options: AlignOptions
): AlignedMentions => {
  const occurrences = occurrencesIn(text, options.words)
  const placed: Array<Placed> = []
  const rejected: Rejections = {}
  let cursor = 0
  for (const { mention, label } of mentions) {
    const forms = Array.from(new Set([mention, mention.replace(wrapping, "")])).filter((form) => form !== "")
    const found = findFree(occurrences, forms, cursor, placed)
    if (found === null) {
      addRejection(rejected, whyNotPlaced(text, occurrences, forms, placed))
      continue
    }
    placed.push({ ...found, label })
    if (found.start >= cursor) cursor = found.end
  }
  const offsets = codePointOffsets(text)
  const spans = placed
    .toSorted((a, b) => a.start - b.start)
    .map((span) => ({ ...span, start: offsets[span.start], end: offsets[span.end] }))
  return { spans, rejected }
}

/** The UTF-16 starts, from `from` on, at which `form` occurs as a mention may be placed. */
type Occurrences = (form: string, from: number) => Generator<number>

const occurrencesIn = (text: string, words: WordSplitting): Occurrences =>
  function*(form, from) {
    for (let start = text.indexOf(form, from); start !== -1; start = text.indexOf(form, start + 1)) {
      if (words === "segmenter" || (atWordBoundary(text, start) && atWordBoundary(text, start + form.length))) {
        yield start
      }
    }
  }

const overlaps = (start: number, end: number, span: Placed): boolean => start < span.end && span.start < end

/** The first form found after the cursor, else before it, at an occurrence overlapping no placed span. */
const findFree = (
  occurrences: Occurrences,
  forms: ReadonlyArray<string>,
  cursor: number,
  placed: ReadonlyArray<Placed>
): { start: number; end: number; mention: string } | null => {
  for (const form of forms) {
    for (const from of [cursor, 0]) {
      for (const start of occurrences(form, from)) {
        const end = start + form.length
        if (!placed.some((span) => overlaps(start, end, span))) return { start, end, mention: form }
      }
    }
  }
  return null
}

const whyNotPlaced = (
  text: string,
  occurrences: Occurrences,
  forms: ReadonlyArray<string>,
  placed: ReadonlyArray<Placed>
): "mention-not-in-text" | "mention-inside-word" | "repetition" | "malformed" => {
  if (forms.length === 0) return "malformed"
  const form = forms.find((candidate) => !occurrences(candidate, 0).next().done)
  if (form === undefined) {
    return forms.some((candidate) => text.includes(candidate)) ? "mention-inside-word" : "mention-not-in-text"
  }
  for (const start of occurrences(form, 0)) {
    if (!placed.some((span) => span.start === start && span.end === start + form.length)) return "malformed"
  }
  return "repetition"
}
