import { atWordBoundary } from "#text"

/** Names and the label each one gets, with the length of the longest name (UTF-16 units). */
export interface Dictionary {
  readonly labels: ReadonlyMap<string, string>
  readonly longest: number
}

/** A find of a dictionary name, in UTF-16 offsets, end exclusive. */
export interface Find {
  readonly start: number
  readonly end: number
  readonly label: string
}

export const dictionaryOf = (labels: ReadonlyMap<string, string>): Dictionary => {
  let longest = 0
  for (const name of labels.keys()) longest = Math.max(longest, name.length)
  return { labels, longest }
}

const space = /\s/u
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff

/**
 * Every occurrence of every name, overlapping ones included. Where words are spaced (`spaced`) a name must begin and
 * end at word boundaries (#text's `atWordBoundary`), so "Kenya" is not found in "Kenyans"; elsewhere (Thai, Chinese)
 * any substring counts. `formsOf` gives the dictionary forms a single word may stand for (inflection). Looking each span up in a map costs a few thousand lookups for a passage, where one regular
 * expression of tens of thousands of alternatives would take seconds to compile.
 */
export const findNames = (
  text: string,
  dictionary: Dictionary,
  spaced: boolean,
  formsOf: (word: string) => ReadonlyArray<string> = () => []
): Array<Find> => {
  const { labels, longest } = dictionary
  // Where a name may begin or end: not inside a character, nor (where words are spaced) inside a word.
  const cuts = Array.from({ length: text.length + 1 }, (_, index) =>
    spaced ? atWordBoundary(text, index) : !isLowSurrogate(text.charCodeAt(index)))
  // A single word may be an inflected form of a name ("Hrvatskoj"); several words are looked up as written.
  const lookUp = (span: string) => {
    const label = labels.get(span)
    if (label !== undefined || space.test(span)) return label
    for (const form of formsOf(span)) {
      const found = labels.get(form)
      if (found !== undefined) return found
    }
    return undefined
  }
  const finds: Array<Find> = []
  for (let start = 0; start < text.length; start++) {
    if (!cuts[start] || space.test(text[start])) continue
    const last = Math.min(text.length, start + longest)
    for (let end = start + 1; end <= last; end++) {
      if (!cuts[end] || space.test(text[end - 1])) continue
      const label = lookUp(text.slice(start, end))
      if (label !== undefined) finds.push({ start, end, label })
    }
  }
  return finds
}
