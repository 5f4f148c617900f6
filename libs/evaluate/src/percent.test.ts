import { assert, describe, it } from "@effect/vitest"
import { seqscorePercent } from "./percent.ts"

describe("seqscorePercent", () => {
  it("breaks an exact tie to the even last digit, as Python's %.2f does", () => {
    // 0.125, 0.375, 0.625, 0.875 and 2.125 are exact in binary and halfway between two hundredths.
    assert.strictEqual(seqscorePercent(0.125), "0.12")
    assert.strictEqual(seqscorePercent(0.375), "0.38")
    assert.strictEqual(seqscorePercent(0.625), "0.62")
    assert.strictEqual(seqscorePercent(0.875), "0.88")
    assert.strictEqual(seqscorePercent(2.125), "2.12")
    assert.strictEqual(seqscorePercent(-0.125), "-0.12")
  })

  it("rounds a value that only looks like a tie by its exact binary value", () => {
    // The double nearest 0.005 is 0.005000000000000000104..., the one nearest 1.005 is 1.00499999999999989...
    assert.strictEqual(seqscorePercent(0.005), "0.01")
    assert.strictEqual(seqscorePercent(1.005), "1.00")
  })

  it("prints SeqScore's sample figures and whole numbers with two decimals", () => {
    assert.strictEqual(seqscorePercent(57.142857), "57.14")
    assert.strictEqual(seqscorePercent(66.666), "66.67")
    assert.strictEqual(seqscorePercent((100 * 2) / 3), "66.67")
    assert.strictEqual(seqscorePercent(100 * (1 / 3)), "33.33")
    assert.strictEqual(seqscorePercent(100), "100.00")
    assert.strictEqual(seqscorePercent(2.5), "2.50")
    assert.strictEqual(seqscorePercent(0), "0.00")
  })
})
