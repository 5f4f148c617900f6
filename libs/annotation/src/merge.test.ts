import { describe, expect, it } from "vitest"
import type { Mention } from "#schema"
import { labelSimilarity, mergeMentions, similarLabels, spanOverlap } from "./merge.ts"

const m = (start: number, end: number, label: string): Mention => ({ start, end, label, mention: `m${start}-${end}` })

describe("spanOverlap", () => {
  it("is intersection over union of code points", () => {
    expect(spanOverlap(m(0, 10, "a"), m(0, 10, "b"))).toBe(1)
    expect(spanOverlap(m(0, 10, "a"), m(2, 10, "b"))).toBe(0.8)
    expect(spanOverlap(m(50, 60, "a"), m(58, 70, "b"))).toBe(0.1)
    expect(spanOverlap(m(0, 5, "a"), m(5, 9, "b"))).toBe(0)
  })
})

describe("labelSimilarity and similarLabels", () => {
  it("shares 9 of 12 trigrams between two spellings of organisation: Dice 0.75", () => {
    expect(labelSimilarity("organization", "Organisation")).toBe(0.75)
    expect(similarLabels("organization", "organisation")).toBe(true)
  })
  it("calls labels with one head noun similar, and labels with nothing in common dissimilar", () => {
    expect(labelSimilarity("person", "politician")).toBe(0)
    expect(similarLabels("person", "politician")).toBe(false)
    expect(similarLabels("sports team", "football teams")).toBe(true)
    expect(similarLabels("city", "country")).toBe(false)
  })
})

describe("mergeMentions", () => {
  const first = [m(0, 5, "city"), m(10, 20, "person"), m(30, 40, "sports team"), m(50, 60, "organization"), m(80, 85, "date"), m(100, 110, "city")]
  const second = [m(0, 5, "City"), m(10, 18, "politician"), m(30, 38, "football teams"), m(58, 70, "company"), m(90, 95, "city"), m(100, 104, "city"), m(106, 110, "country")]
  const merged = mergeMentions(first, second)

  it("keeps one mention per agreement, merge, conflict and lesser overlap, and what only one annotator found", () => {
    expect(merged.mentions).toEqual([
      m(0, 5, "city"),
      m(10, 20, "person"),
      m(30, 40, "sports team / football teams"),
      m(58, 70, "company"),
      m(80, 85, "date"),
      m(90, 95, "city"),
      m(100, 110, "city")
    ])
  })

  it("counts each pair once, and drops what overlaps a mention already kept", () => {
    expect(merged.counts).toEqual({ agreements: 1, merges: 1, conflicts: 1, longer: 2, onlyFirst: 1, onlySecond: 1, dropped: 1 })
  })

  it("gives the first annotator's mention on a tie in length, and is the identity against no mentions", () => {
    expect(mergeMentions([m(0, 4, "person")], [m(0, 4, "city")]).mentions).toEqual([m(0, 4, "person")])
    expect(mergeMentions(first, []).mentions).toEqual(first)
    expect(mergeMentions([], second.slice(0, 2)).counts.onlySecond).toBe(2)
  })
})
