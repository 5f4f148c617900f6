import { answerRegions } from "./answer.ts"
import { closerOf, isBracket, isQuote, readLiteral, type Literal } from "./literal.ts"

/** One item of a listed answer: its literal, or null where it could not be read, and the text it spans. */
export type ListItem = { readonly literal: Literal | null; readonly source: string }

/** The items of the answer's list, and whether the answer ended inside the list. */
export type ListItems = { readonly items: ReadonlyArray<ListItem>; readonly cut: boolean }

/** A list whose first item is a tuple, list or object. */
const listOpening = /\[(?=\s*[[({])/u
const emptyList = /\[\s*\]/u
/** A tuple, list or object starting with a string: items written one after another without a list around them. */
const looseItem = /[[({](?=\s*["'\u201c])/u
/** Between items: commas, white space, and the bullets or numbers of a list written one item per line. */
const separators = /[\s,;]*(?:(?:[-*\u2022]|\d+[.)])[^\S\n]*)?/uy
/** After an unreadable item that is not bracketed: the next item or the end of the list. */
const nextItem = /[,\n](?=\s*[[({])|\]/gu

/** Finds the mention list in an answer (fenced blocks first), or null when there is none. */
export const findListItems = (answer: string): ListItems | null => {
  for (const region of answerRegions(answer)) {
    const items = readListIn(region)
    if (items !== null) return items
  }
  return null
}

const readListIn = (region: string): ListItems | null => {
  const opening = region.search(listOpening)
  if (opening !== -1) return readItems(region, opening + 1, true)
  const empty = region.search(emptyList)
  const loose = region.search(looseItem)
  if (empty !== -1 && (loose === -1 || empty < loose)) return { items: [], cut: false }
  if (loose === -1) return null
  const items = readItems(region, loose, false)
  // One item holding or followed by `[]` is an empty answer (`{"entities": []}`); in several items written one after
  // another, a `[]` is a field of one of them (`{"tokens": [], "tags": []}`).
  return empty !== -1 && items.items.length <= 1 && !items.cut ? { items: [], cut: false } : items
}

/**
 * Reads items from `start` to the list's `]` (or, for loose items, to the first text that does not start one).
 * An unreadable item is kept as a null literal and reading resumes after it, so that it can be counted.
 */
const readItems = (region: string, start: number, bracketed: boolean): ListItems => {
  const items: Array<ListItem> = []
  let position = start
  while (true) {
    separators.lastIndex = position
    separators.exec(region)
    position = separators.lastIndex
    // A bracketed list that never closes was cut; loose items simply end with the text.
    if (position >= region.length) return { items, cut: bracketed }
    const char = region[position]
    if (bracketed && char === "]") return { items, cut: false }
    if (!bracketed && !isBracket(char)) return { items, cut: false }
    const read = isBracket(char) || isQuote(char) ? readLiteral(region, position) : null
    if (read?.kind === "cut") return { items, cut: true }
    if (read?.kind === "complete") {
      items.push({ literal: read.literal, source: region.slice(position, read.end) })
      position = read.end
      continue
    }
    const next = resynchronise(region, position)
    items.push({ literal: null, source: region.slice(position, next ?? region.length) })
    if (next === null) return { items, cut: false }
    position = next
  }
}

/** Where reading can resume after an unreadable item starting at `start`, or null when nothing follows it. */
const resynchronise = (region: string, start: number): number | null => {
  const closer = closerOf(region[start])
  if (closer !== undefined) {
    const close = new RegExp(`\\${closer}(?=[^\\S\\n]*(?:[,\\]\\n]|$))`, "gu")
    close.lastIndex = start + 1
    const match = close.exec(region)
    if (match !== null) return match.index + 1
  }
  nextItem.lastIndex = start + 1
  const match = nextItem.exec(region)
  return match === null ? null : match.index
}
