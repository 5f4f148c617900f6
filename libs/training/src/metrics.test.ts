import { describe, expect, it } from "vitest"
import { binaryScores, macro } from "./metrics.ts"

describe("binaryScores", () => {
  it("counts precision, recall and F1 of the positive class", () => {
    // TP 2, FP 1, FN 2, TN 1: P 2/3, R 2/4, F1 2 * (2/3 * 1/2) / (2/3 + 1/2) = 4/7.
    const predicted = [true, true, true, false, false, false]
    const actual = [true, true, false, true, true, false]
    expect(binaryScores(predicted, actual)).toEqual({
      examples: 6,
      positives: 4,
      predictedPositives: 3,
      truePositives: 2,
      accuracy: 0.5,
      precision: 0.667,
      recall: 0.5,
      f1: 0.571
    })
  })

  it("leaves undefined scores null: nothing predicted positive, or no positive at all", () => {
    expect(binaryScores([false, false], [true, false])).toMatchObject({ precision: null, recall: 0, f1: null })
    expect(binaryScores([true, false], [false, false])).toMatchObject({ precision: 0, recall: null, f1: null })
    expect(binaryScores([], [])).toMatchObject({ accuracy: null, precision: null, recall: null, f1: null })
  })
})

describe("macro", () => {
  it("averages the defined values", () => {
    expect(macro([0.5, null, 1])).toBe(0.75)
    expect(macro([null])).toBeNull()
  })
})
