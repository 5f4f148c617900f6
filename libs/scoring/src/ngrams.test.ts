import { describe, expect, it } from "vitest"
import { densify, ngramBucket, ngramFeatures, normalizeForNgrams } from "./ngrams.ts"

describe("normalizeForNgrams", () => {
  it("lower-cases, writes digits as 0, keeps a line break as one \\n and pads with spaces", () => {
    expect(normalizeForNgrams("Ab 12\n\n  X\tY")).toBe(" ab 00\nx y ")
    expect(normalizeForNgrams("  ٣ Ä ")).toBe(" 0 ä ")
  })
})

describe("ngramBucket", () => {
  it("is 32-bit FNV-1a modulo the dimensions (published test vectors)", () => {
    expect(ngramBucket("", 2 ** 32)).toBe(0x811c9dc5)
    expect(ngramBucket("a", 2 ** 32)).toBe(0xe40c292c)
    expect(ngramBucket("foobar", 2 ** 32)).toBe(0xbf9cf968)
    expect(ngramBucket("a", 1000)).toBe(0xe40c292c % 1000)
  })
})

describe("ngramFeatures", () => {
  it("counts each n-gram in its bucket as ln(1 + count), scaled to unit length", () => {
    // " aa " has the unigrams " ", "a", "a", " ": two buckets, each counted twice.
    const spec = { dimensions: 2 ** 32, minN: 1, maxN: 1 }
    const { indices, values } = ngramFeatures("AA", spec)
    expect(Array.from(indices)).toEqual([0xe40c292c, ngramBucket(" ", 2 ** 32)].sort((a, b) => a - b))
    Array.from(values).forEach((value) => expect(value).toBeCloseTo(Math.SQRT1_2, 6))
  })

  it("puts each n-gram of every length in ngramBucket of its string, astral code points whole", () => {
    const spec = { dimensions: 2 ** 32, minN: 2, maxN: 3 }
    // " ab😀c ": five code points but seven UTF-16 units; the 2- and 3-grams, all distinct, each counted once.
    const grams = [" a", "ab", "b😀", "😀c", "c ", " ab", "ab😀", "b😀c", "😀c "]
    const { indices, values } = ngramFeatures("Ab😀c", spec)
    expect(Array.from(indices)).toEqual(grams.map((gram) => ngramBucket(gram, spec.dimensions)).sort((a, b) => a - b))
    Array.from(values).forEach((value) => expect(value).toBeCloseTo(1 / 3, 6))
  })

  it("scales equal counts to equal values", () => {
    const spec = { dimensions: 2 ** 32, minN: 2, maxN: 2 }
    const { indices, values } = ngramFeatures("ab ab ab", spec)
    // " ab ab ab ": " a" x3, "ab" x3, "b " x3: three buckets of ln 4 each, so each is 1/sqrt(3).
    expect(indices.length).toBe(3)
    Array.from(values).forEach((value) => expect(value).toBeCloseTo(1 / Math.sqrt(3), 6))
  })

  it("gives a unit vector inside the dimensions, and the zero vector for a text shorter than its n-grams", () => {
    const spec = { dimensions: 64, minN: 1, maxN: 3 }
    const dense = densify(ngramFeatures("Nairobi 2019, Kenya.\nHome", spec), 64)
    expect(dense).toHaveLength(64)
    expect(Math.hypot(...dense)).toBeCloseTo(1, 5)
    // "" pads to " " (trimmed, then one space each side gives "  "): no trigram.
    expect(ngramFeatures("", { dimensions: 64, minN: 3, maxN: 3 }).indices.length).toBe(0)
  })
})
