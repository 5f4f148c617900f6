import { createHash } from "node:crypto"
import { describe, expect, it } from "vitest"
import { chooseExamples, exampleLines, examplePool } from "./examples.ts"

const spaced = { words: "space", locale: "en" } as const
const unspaced = { words: "segmenter", locale: "zh-Hans" } as const

describe("examplePool", () => {
  it("gives words as tokens and the mentions as BIO tags, cutting a word where a mention ends at punctuation", () => {
    // Code points: "Ali" 0-3, "Musa Bello" 8-18, "Kano" 27-31, then "." at 31.
    const pool = examplePool([{
      id: "1",
      text: "Ali and Musa Bello went to Kano.",
      mentions: [{ start: 0, end: 3, type: "PER" }, { start: 8, end: 18, type: "PER" }, { start: 27, end: 31, type: "LOC" }]
    }], spaced)
    expect(pool).toEqual({
      examples: [{
        id: "1",
        point: {
          tokens: ["Ali", "and", "Musa", "Bello", "went", "to", "Kano", "."],
          tags: ["B-PER", "O", "B-PER", "I-PER", "O", "O", "B-LOC", "O"]
        }
      }],
      offBoundaryMentions: 0,
      sentencesLeftOut: 0
    })
  })

  it("keeps punctuation between words as tokens, as a CoNLL file does", () => {
    const pool = examplePool([{ id: "1", text: "« Ali ya tafi Kano - Abuja . »", mentions: [{ start: 2, end: 5, type: "PER" }] }], spaced)
    expect(pool.examples[0].point).toEqual({
      tokens: ["«", "Ali", "ya", "tafi", "Kano", "-", "Abuja", ".", "»"],
      tags: ["O", "B-PER", "O", "O", "O", "O", "O", "O", "O"]
    })
  })

  it("counts code points, not UTF-16 units, before a mention", () => {
    // The Gothic letter "𐌰" is one code point and two UTF-16 units: "Kano" is at code points 2-6.
    const pool = examplePool([{ id: "e", text: "𐌰 Kano", mentions: [{ start: 2, end: 6, type: "LOC" }] }], spaced)
    expect(pool.examples[0].point).toEqual({ tokens: ["𐌰", "Kano"], tags: ["O", "B-LOC"] })
  })

  it("leaves out a sentence with a mention inside a word, and counts the mention", () => {
    const pool = examplePool([
      { id: "1", text: "The Kenyan team", mentions: [{ start: 4, end: 9, type: "LOC" }, { start: 0, end: 3, type: "ORG" }] },
      { id: "2", text: "Kenya won", mentions: [{ start: 0, end: 5, type: "LOC" }] },
      { id: "3", text: "  ", mentions: [] }
    ], spaced)
    expect(pool.examples.map((example) => example.id)).toEqual(["2"])
    expect(pool.offBoundaryMentions).toBe(1)
    expect(pool.sentencesLeftOut).toBe(2)
  })

  it("in a script without spaces takes ICU's words and cuts them wherever a mention starts or ends", () => {
    // ICU: 习 近平 访问 了 北京 大学 and the full stop; the mention 京大 cuts 北京 and 大学.
    const text = "习近平访问了北京大学。"
    const pool = examplePool([{
      id: "1",
      text,
      mentions: [{ start: 0, end: 3, type: "PER" }, { start: 7, end: 9, type: "ORG" }]
    }], unspaced)
    expect(pool.examples[0].point).toEqual({
      tokens: ["习", "近平", "访问", "了", "北", "京", "大", "学", "。"],
      tags: ["B-PER", "I-PER", "O", "O", "O", "B-ORG", "I-ORG", "O", "O"]
    })
  })
})

describe("chooseExamples", () => {
  const pool = ["a", "b", "c", "d", "e"].map((id) => ({ id, point: { tokens: [id], tags: ["O"] } }))
  const rank = (seed: string, call: number) =>
    [...pool].sort((x, y) => {
      const hash = (id: string) => createHash("sha256").update(`${seed}:${call}:${id}`).digest("hex")
      return hash(x.id) < hash(y.id) ? -1 : 1
    }).map((example) => example.id)

  it("takes the m sentences of lowest sha256(seed:call:id), a different draw per call", () => {
    for (const call of [0, 1, 2]) {
      expect(chooseExamples(pool, "s", call, 3).map((point) => point.tokens[0])).toEqual(rank("s", call).slice(0, 3))
    }
    const draws = new Set([0, 1, 2, 3].map((call) => chooseExamples(pool, "s", call, 2).map((p) => p.tokens[0]).join()))
    expect(draws.size).toBeGreaterThan(1)
  })
})

describe("exampleLines", () => {
  it("writes one JSON object of tokens and tags a line", () => {
    expect(exampleLines([{ tokens: ["Ali", "\"x\""], tags: ["B-PER", "O"] }, { tokens: ["y"], tags: ["O"] }])).toBe(
      `{"tokens":["Ali","\\"x\\""],"tags":["B-PER","O"]}\n{"tokens":["y"],"tags":["O"]}`
    )
  })
})
