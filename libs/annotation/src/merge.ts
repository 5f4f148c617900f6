import type { Mention } from "#schema"
import { normalizeLabel } from "./normalize.ts"

/**
 * Two annotators' mentions of one passage combined into one flat set (FiNERweb, section 2.4). The paper compared
 * labels with a sentence encoder, which cannot be loaded here; `similarLabels` is lexical and says so.
 *
 * - Where the two overlap by half or more (intersection over union of code points) and the labels are similar, they
 *   merge into one mention on the longer span, labelled `"a / b"` (one label when the two are the same label).
 * - Where they overlap by half or more with dissimilar labels (the case the paper left open), the longer mention is
 *   kept with its own label and the pair is counted as a conflict: the two agree there is a name there, and the
 *   judge later checks its label.
 * - Where they overlap by less than half, the longer is kept.
 * - A mention the other annotator did not overlap is kept.
 *
 * A tie in length goes to the first annotator. Pairs are taken by largest overlap first, each mention once; a
 * mention left over that overlaps one already kept is dropped (a flat set has no overlapping mentions).
 */

/** What happened to the two annotators' mentions of a passage. */
export interface MergeCounts {
  /** Pairs overlapping by half or more with the same label (normalized): one mention on the longer span. */
  readonly agreements: number
  /** Pairs overlapping by half or more with similar labels, merged into one `"a / b"` label. */
  readonly merges: number
  /** Pairs overlapping by half or more with dissimilar labels. */
  readonly conflicts: number
  /** Pairs overlapping by less than half: the longer kept. */
  readonly longer: number
  /** Mentions only one annotator found, kept. */
  readonly onlyFirst: number
  readonly onlySecond: number
  /** Mentions dropped because they overlapped a mention already kept from another pair. */
  readonly dropped: number
}

export interface MergedMentions {
  readonly mentions: ReadonlyArray<Mention>
  readonly counts: MergeCounts
}

/** No pair seen yet: where counts of several passages start. */
export const noMergeCounts: MergeCounts = { agreements: 0, merges: 0, conflicts: 0, longer: 0, onlyFirst: 0, onlySecond: 0, dropped: 0 }

/** Sums the counts of several passages. */
export const addMergeCounts = (a: MergeCounts, b: MergeCounts): MergeCounts => ({
  agreements: a.agreements + b.agreements,
  merges: a.merges + b.merges,
  conflicts: a.conflicts + b.conflicts,
  longer: a.longer + b.longer,
  onlyFirst: a.onlyFirst + b.onlyFirst,
  onlySecond: a.onlySecond + b.onlySecond,
  dropped: a.dropped + b.dropped
})

const length = (span: { readonly start: number; readonly end: number }) => span.end - span.start

/** Intersection over union of two spans' code points: 1 for the same span, 0 for spans that do not touch. */
export const spanOverlap = (a: Mention, b: Mention): number => {
  const intersection = Math.min(a.end, b.end) - Math.max(a.start, b.start)
  if (intersection <= 0) return 0
  return intersection / (Math.max(a.end, b.end) - Math.min(a.start, b.start))
}

/** The label's character trigrams, padded with spaces so that a short label has some. */
const trigrams = (label: string): Map<string, number> => {
  const chars = [..." " + label + " "]
  const grams = new Map<string, number>()
  for (let i = 0; i + 3 <= chars.length; i++) {
    const gram = chars.slice(i, i + 3).join("")
    grams.set(gram, (grams.get(gram) ?? 0) + 1)
  }
  return grams
}

/** Sørensen-Dice over character trigram multisets of the normalized labels: 1 for the same label, 0 for none shared. */
export const labelSimilarity = (a: string, b: string): number => {
  const x = trigrams(normalizeLabel(a))
  const y = trigrams(normalizeLabel(b))
  let shared = 0
  for (const [gram, count] of x) shared += Math.min(count, y.get(gram) ?? 0)
  const total = [...x.values(), ...y.values()].reduce((sum, count) => sum + count, 0)
  return total === 0 ? 0 : (2 * shared) / total
}

/** The last word, without a plural -s: "sports team" and "football teams" share the head "team". */
const head = (label: string) => (normalizeLabel(label).split(" ").at(-1) ?? "").replace(/(?<=\w{3})s$/u, "")

/** Similar labels: the same head noun, or half or more of their character trigrams shared (`labelSimilarity`). */
export const similarLabels = (a: string, b: string): boolean => head(a) === head(b) || labelSimilarity(a, b) >= 0.5

export const mergeMentions = (first: ReadonlyArray<Mention>, second: ReadonlyArray<Mention>): MergedMentions => {
  const pairs = first.flatMap((a, i) =>
    second.flatMap((b, j) => {
      const overlap = spanOverlap(a, b)
      return overlap > 0 ? [{ i, j, overlap }] : []
    })
  ).sort((x, y) => y.overlap - x.overlap || x.i - y.i || x.j - y.j)
  const usedFirst = new Set<number>()
  const usedSecond = new Set<number>()
  const kept: Array<Mention> = []
  const counts = { ...noMergeCounts }
  const overlapsKept = (mention: Mention) => kept.some((other) => spanOverlap(mention, other) > 0)

  for (const { i, j, overlap } of pairs) {
    if (usedFirst.has(i) || usedSecond.has(j)) continue
    usedFirst.add(i)
    usedSecond.add(j)
    const a = first[i]
    const b = second[j]
    const longer = length(b) > length(a) ? b : a
    if (overlapsKept(longer)) {
      counts.dropped += 2
      continue
    }
    if (overlap < 0.5) {
      counts.longer++
      kept.push(longer)
    } else if (normalizeLabel(a.label) === normalizeLabel(b.label)) {
      counts.agreements++
      kept.push({ ...longer, label: a.label })
    } else if (similarLabels(a.label, b.label)) {
      counts.merges++
      kept.push({ ...longer, label: `${a.label} / ${b.label}` })
    } else {
      counts.conflicts++
      kept.push(longer)
    }
  }
  for (const [mentions, used, key] of [[first, usedFirst, "onlyFirst"], [second, usedSecond, "onlySecond"]] as const) {
    mentions.forEach((mention, index) => {
      if (used.has(index)) return
      if (overlapsKept(mention)) counts.dropped++
      else {
        counts[key]++
        kept.push(mention)
      }
    })
  }
  return { mentions: kept.sort((x, y) => x.start - y.start || x.end - y.end), counts }
}
