import { describe, expect, it } from "vitest"
import { afterAnswer, afterRateLimit, fullBucket, leastOutstanding, slotDeadline, take } from "./concurrency.ts"

describe("adaptive concurrency", () => {
  it("halves once for a burst of 429s to requests sent at the old limit, again for a later one", () => {
    let state = { limit: 64, lastDecrease: 0 }
    // Eight requests sent at t=10..17, all answered 429 at t=100..107.
    for (let i = 0; i < 8; i++) state = afterRateLimit(state, 10 + i, 100 + i)
    expect(state).toEqual({ limit: 32, lastDecrease: 100 })
    state = afterRateLimit(state, 150, 200)
    expect(state).toEqual({ limit: 16, lastDecrease: 200 })
  })

  it("never goes below one, and recovers one per answer up to the configured limit", () => {
    let state = { limit: 3, lastDecrease: 0 }
    for (let t = 1; t <= 10; t++) state = afterRateLimit(state, 2 * t, 2 * t + 1)
    expect(state.limit).toBe(1)
    for (let i = 0; i < 5; i++) state = afterAnswer(state, 4)
    expect(state.limit).toBe(4)
  })
})

describe("token bucket", () => {
  it("lets ten seconds' worth through at once, then spaces the rest at the configured rate", () => {
    // 600 requests a minute: 10 a second, a burst of 100.
    let bucket = fullBucket(600, 0)
    const waits: Array<number> = []
    for (let i = 0; i < 102; i++) {
      const next = take(bucket, 1, 600, 0)
      bucket = next.bucket
      waits.push(next.waitMillis)
    }
    expect(waits.slice(0, 100).every((wait) => wait === 0)).toBe(true)
    expect(waits.slice(100)).toEqual([100, 200])
    // Five seconds later, 50 more have come in, less the two reserved.
    expect(take(bucket, 48, 600, 5000).waitMillis).toBe(0)
    expect(take(bucket, 49, 600, 5000).waitMillis).toBeCloseTo(100)
  })
})

describe("slotDeadline", () => {
  it("is four times the 90th percentile of the recent times to first token, never below the floor", () => {
    // 1..10 s: the 90th percentile of ten is the ninth, 9 s.
    const recent = [10, 3, 1, 7, 2, 9, 4, 8, 6, 5].map((s) => s * 1000)
    expect(slotDeadline(recent, 5000)).toBe(36_000)
    expect(slotDeadline([100, 200], 5000)).toBe(5000)
    expect(slotDeadline([], 5000)).toBe(5000)
  })
})

describe("leastOutstanding", () => {
  const replica = (name: string, inFlight: number, setAside = false) => ({ name, inFlight, setAside })

  it("takes the fewest in flight, the first of a tie, and none set aside", () => {
    expect(leastOutstanding([replica("a", 3), replica("b", 1), replica("c", 1)])?.name).toBe("b")
    expect(leastOutstanding([replica("a", 0, true), replica("b", 5)])?.name).toBe("b")
    expect(leastOutstanding([replica("a", 0, true)])).toBeUndefined()
  })

  it("avoids the replica the last attempt failed on while another is left", () => {
    const [a, b] = [replica("a", 0), replica("b", 9)]
    expect(leastOutstanding([a, b], a)?.name).toBe("b")
    expect(leastOutstanding([a, { ...b, setAside: true }], a)?.name).toBe("a")
    expect(leastOutstanding([{ ...a, setAside: true }], { ...a, setAside: true })).toBeUndefined()
  })
})
