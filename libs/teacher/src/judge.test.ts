import { describe, expect, it } from "vitest"
import { judge, rating } from "./judge.ts"

describe("rating", () => {
  it("is 5 - round(4 * errors / max(1, total)), never below 1", () => {
    expect(rating(0, 0)).toBe(5)
    expect(rating(0, 7)).toBe(5)
    expect(rating(1, 8)).toBe(4) // 0.5 rounds up
    expect(rating(1, 3)).toBe(4) // 1.33
    expect(rating(2, 3)).toBe(2) // 2.67
    expect(rating(4, 4)).toBe(1)
    expect(rating(3, 0)).toBe(1) // 12 / 1: clamped
  })
})

describe("judge", () => {
  it("gives full marks to the rules' own annotations", () => {
    expect(judge("Le Kenya et la France", "fr", [
      { mention: "Kenya", label: "country" },
      { mention: "France", label: "country" }
    ])).toEqual({ faithfulness: 5, completeness: 5, missing: [], extra: [], wrong: [] })
  })

  it("counts extra, wrong and missing annotations", () => {
    const verdict = judge("Le Kenya et la France en mars et en 2019.", "fr", [
      { mention: "Kenya", label: "country" },
      { mention: "France", label: "person" },
      { mention: "Paris", label: "city" },
      { mention: "la", label: "article" }
    ])
    expect(verdict.extra).toEqual([{ mention: "Paris", label: "city" }])
    expect(verdict.wrong).toEqual([{ mention: "France", label: "person" }])
    // "la" is in the passage but unknown to the rules: neither extra nor wrong.
    expect(verdict.missing).toEqual([{ mention: "mars", label: "month" }, { mention: "2019", label: "year" }])
    expect(verdict.faithfulness).toBe(3) // 5 - round(4 * 2 / 4)
    expect(verdict.completeness).toBe(3) // 5 - round(4 * 2 / 4)
  })

  it("counts repeated annotations once", () => {
    const verdict = judge("Kenya and Kenya", "en", [
      { mention: "Paris", label: "country" },
      { mention: "Paris", label: "country" },
      { mention: "Kenya", label: "country" }
    ])
    expect(verdict.extra).toEqual([{ mention: "Paris", label: "country" }])
    expect(verdict.faithfulness).toBe(3) // 5 - round(4 * 1 / 2)
    expect(verdict.completeness).toBe(5)
  })

  it("rates an empty answer to a passage with finds as incomplete, and faithful", () => {
    const verdict = judge("Kenya", "en", [])
    expect(verdict).toEqual({
      faithfulness: 5,
      completeness: 1,
      missing: [{ mention: "Kenya", label: "country" }],
      extra: [],
      wrong: []
    })
  })
})
