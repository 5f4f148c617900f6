import type { Mention } from "#schema"
import { codePointIndex } from "./offsets.ts"
import type { ListedMention } from "./mention.ts"
import { addRejection, type Rejections } from "./rejections.ts"

export type AlignOptions = {
  /** The labels allowed, in normalised form (`normalizeLabel`); when absent any label is kept. */
  readonly labels?: ReadonlySet<string>
}

export type AlignedMentions = { readonly spans: ReadonlyArray<Mention>; readonly rejected: Rejections }

type Placed = { readonly start: number; readonly end: number; readonly label: string; readonly mention: string }

/** Quotes, brackets, other punctuation and white space an annotator may wrap a mention in. */
const wrapping = /^[\s\p{P}`]+|[\s\p{P}`]+$/gu

/**
 * Places each listed mention in the passage as an exact, case-sensitive substring, left to right with a cursor
 * (FiNERweb, section 2.4): a mention is looked for from the cursor, and when found the cursor moves to its end.
 * LLMs do not always list in order, so a mention not found after the cursor is looked for from the start, at an
 * occurrence overlapping no span placed so far; such a find leaves the cursor where it is, since the mentions listed
 * next most likely follow the earlier ones. Where the mention as written does not occur, it is tried again without
 * surrounding quotes and punctuation.
 *
 * Every listed mention not placed is counted:
 * - label-outside-schema: `labels` is given and does not hold the label;
 * - mention-not-in-text: the mention does not occur in the passage;
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
  options: AlignOptions = {}
): AlignedMentions => {
  const placed: Array<Placed> = []
  const rejected: Rejections = {}
  let cursor = 0
  for (const { mention, label } of mentions) {
    if (options.labels !== undefined && !options.labels.has(label)) {
      addRejection(rejected, "label-outside-schema")
      continue
    }
    const forms = Array.from(new Set([mention, mention.replace(wrapping, "")])).filter((form) => form !== "")
    const found = findFree(text, forms, cursor, placed)
    if (found === null) {
      addRejection(rejected, whyNotPlaced(text, forms, placed))
      continue
    }
    placed.push({ ...found, label })
    if (found.start >= cursor) cursor = found.end
  }
  const spans = placed
    .toSorted((a, b) => a.start - b.start)
    .map((span) => ({ ...span, start: codePointIndex(text, span.start), end: codePointIndex(text, span.end) }))
  return { spans, rejected }
}

const overlaps = (start: number, end: number, span: Placed): boolean => start < span.end && span.start < end

/** The first form found after the cursor, else before it, at an occurrence overlapping no placed span. */
const findFree = (
  text: string,
  forms: ReadonlyArray<string>,
  cursor: number,
  placed: ReadonlyArray<Placed>
): { start: number; end: number; mention: string } | null => {
  for (const form of forms) {
    for (const from of [cursor, 0]) {
      for (let start = text.indexOf(form, from); start !== -1; start = text.indexOf(form, start + 1)) {
        const end = start + form.length
        if (!placed.some((span) => overlaps(start, end, span))) return { start, end, mention: form }
      }
    }
  }
  return null
}

const whyNotPlaced = (
  text: string,
  forms: ReadonlyArray<string>,
  placed: ReadonlyArray<Placed>
): "mention-not-in-text" | "repetition" | "malformed" => {
  const form = forms.find((candidate) => text.includes(candidate))
  if (form === undefined) return forms.length === 0 ? "malformed" : "mention-not-in-text"
  for (let start = text.indexOf(form); start !== -1; start = text.indexOf(form, start + 1)) {
    const end = start + form.length
    if (!placed.some((span) => span.start === start && span.end === end)) return "malformed"
  }
  return "repetition"
}
