import { sha256 } from "#files"

/**
 * A seeded source of uniform numbers in [0, 1): mulberry32, started from the first 32 bits of sha256(seed). Plain
 * integer arithmetic, so a seed gives the same sequence on every machine and Node version.
 */
export const seededRandom = (seed: string): (() => number) => {
  let state = Number.parseInt(sha256(seed).slice(0, 8), 16) >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A Fisher-Yates shuffle of `items` (a copy) drawn from `random`. */
export const shuffle = <A>(items: ReadonlyArray<A>, random: () => number): Array<A> => {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j], copy[i]]
  }
  return copy
}
