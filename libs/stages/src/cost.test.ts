import { describe, expect, it } from "vitest"
import { estimateTokens, renderCost } from "./cost.ts"

describe("estimateTokens", () => {
  it("is UTF-8 bytes over four, rounded up: three-byte Thai letters count three times a Latin one", () => {
    expect(estimateTokens("")).toBe(0)
    expect(estimateTokens("abcd")).toBe(1)
    expect(estimateTokens("abcde")).toBe(2)
    expect(estimateTokens("ไทย")).toBe(3)
  })
})

describe("renderCost", () => {
  it("lines up the cells and a total, numbers right-aligned", () => {
    const text = renderCost([
      { language: "afr_Latn", stage: "annotate", requests: 25, cached: 20, misses: 5, promptTokens: 900 },
      { language: "tha_Thai", stage: "judge", requests: 3, cached: 0, misses: 3, promptTokens: 1200 }
    ])
    expect(text.split("\n")).toEqual([
      "cost of rebuilding the stale LLM cells (prompt tokens estimated as UTF-8 bytes / 4):",
      "language  stage     requests  cached  misses  ~prompt tokens",
      "afr_Latn  annotate        25      20       5             900",
      "tha_Thai  judge            3       0       3            1200",
      "total                     28      20       8            2100",
      ""
    ])
  })

  it("says so when nothing would be asked", () => {
    expect(renderCost([])).toBe("cost: no stale LLM cell with its upstream built: a rebuild asks the model nothing\n")
  })
})
