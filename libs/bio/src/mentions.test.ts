import { describe, expect, it } from "vitest"
import { convert, mentionsOf, tagsOf } from "./mentions.ts"

const tags = (text: string) => (text === "" ? [] : text.split(" "))
const per = (start: number, end: number) => ({ start, end, type: "PER" })
const loc = (start: number, end: number) => ({ start, end, type: "LOC" })

describe("mentionsOf", () => {
  it("decodes valid BIO, splitting adjacent mentions at B-", () => {
    expect(mentionsOf(tags("B-PER I-PER O B-LOC B-LOC I-LOC B-PER"))).toEqual([
      per(0, 2), loc(3, 4), loc(4, 6), per(6, 7)
    ])
    expect(mentionsOf([])).toEqual([])
  })

  it("decodes valid IOB, splitting at B- and at a change of type", () => {
    expect(mentionsOf(tags("I-PER I-PER B-PER O I-LOC I-PER"))).toEqual([per(0, 2), per(2, 3), loc(4, 5), per(5, 6)])
  })

  it("decodes valid BIOES, where S- is a mention of one token and E- closes one", () => {
    expect(mentionsOf(tags("S-PER B-LOC I-LOC E-LOC B-PER E-PER O S-LOC"))).toEqual([
      per(0, 1), loc(1, 4), per(4, 6), loc(7, 8)
    ])
  })

  it("reads an invalid sequence as conlleval.pl does: a stray I- or E- opens a mention, a B- left open closes", () => {
    expect(mentionsOf(tags("I-PER I-PER O B-LOC I-PER"))).toEqual([per(0, 2), loc(3, 4), per(4, 5)])
    expect(mentionsOf(tags("B-PER O E-LOC I-LOC"))).toEqual([per(0, 1), loc(2, 3), loc(3, 4)])
  })
})

describe("tagsOf", () => {
  const mentions = [per(0, 2), per(2, 3), loc(3, 4), loc(5, 8)]

  it("encodes BIO with B- at every mention start", () => {
    expect(tagsOf(mentions, 9, "BIO")).toEqual(tags("B-PER I-PER B-PER B-LOC O B-LOC I-LOC I-LOC O"))
  })

  it("encodes IOB with B- only where a mention follows one of its type", () => {
    expect(tagsOf(mentions, 9, "IOB")).toEqual(tags("I-PER I-PER B-PER I-LOC O I-LOC I-LOC I-LOC O"))
  })

  it("encodes BIOES with S- for one token and E- for the last", () => {
    expect(tagsOf(mentions, 9, "BIOES")).toEqual(tags("B-PER E-PER S-PER S-LOC O B-LOC I-LOC E-LOC O"))
  })

  it("takes mentions in any order, and refuses overlapping, empty or out-of-range ones", () => {
    expect(tagsOf([loc(2, 3), per(0, 1)], 3, "BIO")).toEqual(tags("B-PER O B-LOC"))
    expect(() => tagsOf([per(0, 2), loc(1, 3)], 3, "BIO")).toThrow(/overlap/)
    expect(() => tagsOf([per(1, 1)], 3, "BIO")).toThrow(/empty or outside/)
    expect(() => tagsOf([per(2, 4)], 3, "BIO")).toThrow(/empty or outside/)
  })
})

describe("convert", () => {
  it("carries adjacent same-type mentions across all three encodings", () => {
    const bio = tags("B-PER B-PER I-PER O B-LOC")
    const iob = tags("I-PER B-PER I-PER O I-LOC")
    const bioes = tags("S-PER B-PER E-PER O S-LOC")
    expect(convert(bio, "IOB")).toEqual(iob)
    expect(convert(bio, "BIOES")).toEqual(bioes)
    expect(convert(iob, "BIO")).toEqual(bio)
    expect(convert(iob, "BIOES")).toEqual(bioes)
    expect(convert(bioes, "BIO")).toEqual(bio)
    expect(convert(bioes, "IOB")).toEqual(iob)
  })

  it("writes adjacent mentions of different types without B- in IOB", () => {
    expect(convert(tags("B-PER B-LOC I-LOC"), "IOB")).toEqual(tags("I-PER I-LOC I-LOC"))
  })
})
