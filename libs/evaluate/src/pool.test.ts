import { assert, describe, it } from "@effect/vitest"
import { seqscorePercent } from "./percent.ts"
import { poolScores } from "./pool.ts"
import { type Score, scoreOf } from "./score.ts"

const row = (score: Score) => [
  score.reference,
  score.predicted,
  score.correct,
  ...[score.precision, score.recall, score.f1].map((value) => seqscorePercent(100 * value))
]

/** Two UNER-like sets (reference, predicted, correct per type) and a MasakhaNER-like one that adds DATE. */
const a = {
  scores: {
    overall: scoreOf(20, 15, 11),
    types: { PER: scoreOf(10, 8, 6), LOC: scoreOf(5, 5, 4), ORG: scoreOf(5, 2, 1) },
    span: scoreOf(20, 18, 14)
  }
}
const b = {
  scores: {
    overall: scoreOf(10, 10, 5),
    types: { PER: scoreOf(2, 4, 2), LOC: scoreOf(3, 0, 0), ORG: scoreOf(5, 6, 3) },
    span: scoreOf(10, 12, 8)
  }
}
const c = {
  scores: {
    overall: scoreOf(6, 4, 3),
    types: { PER: scoreOf(1, 1, 1), LOC: scoreOf(1, 1, 0), ORG: scoreOf(0, 0, 0), DATE: scoreOf(4, 2, 2) },
    span: scoreOf(6, 5, 4)
  }
}

describe("poolScores", () => {
  it("sums the counts per type over the sets, then computes P/R/F1 of the sums", () => {
    // By hand: PER 12/12/8: 8/12 = 66.67 both ways; LOC 8/5/4: P 4/5 = 80.00, R 4/8 = 50.00, F1 2*4/13 = 61.54;
    // ORG 10/8/4: P 50.00, R 40.00, F1 2*4/18 = 44.44; ALL 30/25/16: P 64.00, R 53.33, F1 2*16/55 = 58.18
    // (the mean of the sets' F1, 22/35 = 62.86 and 10/20 = 50.00, would be 56.43); span 30/30/22: 73.33 each.
    const pooled = poolScores([a, b])
    assert.deepStrictEqual(Object.keys(pooled.types), ["PER", "LOC", "ORG"])
    assert.deepStrictEqual(row(pooled.types.PER), [12, 12, 8, "66.67", "66.67", "66.67"])
    assert.deepStrictEqual(row(pooled.types.LOC), [8, 5, 4, "80.00", "50.00", "61.54"])
    assert.deepStrictEqual(row(pooled.types.ORG), [10, 8, 4, "50.00", "40.00", "44.44"])
    assert.deepStrictEqual(row(pooled.overall), [30, 25, 16, "64.00", "53.33", "58.18"])
    assert.deepStrictEqual(row(pooled.span), [30, 30, 22, "73.33", "73.33", "73.33"])
  })

  it("pools a type over only the sets that evaluate it, in the order the sets first name the types", () => {
    // DATE is c's alone: 4/2/2, P 100.00, R 50.00, F1 66.67; ALL 26/19/14: P 73.68, R 53.85, F1 28/45 = 62.22.
    const pooled = poolScores([a, c])
    assert.deepStrictEqual(Object.keys(pooled.types), ["PER", "LOC", "ORG", "DATE"])
    assert.deepStrictEqual(row(pooled.types.DATE), [4, 2, 2, "100.00", "50.00", "66.67"])
    assert.deepStrictEqual(row(pooled.types.ORG), [5, 2, 1, "50.00", "20.00", "28.57"])
    assert.deepStrictEqual(row(pooled.overall), [26, 19, 14, "73.68", "53.85", "62.22"])
  })

  it("gives zeros, not NaN, for no sets", () => {
    const pooled = poolScores([])
    assert.deepStrictEqual(pooled.types, {})
    assert.deepStrictEqual(row(pooled.overall), [0, 0, 0, "0.00", "0.00", "0.00"])
    assert.deepStrictEqual(row(pooled.span), [0, 0, 0, "0.00", "0.00", "0.00"])
  })
})
