import { describe, expect, it } from "vitest"
import { repair } from "./repair.ts"

const tags = (text: string) => text.split(" ")

describe("repair BIO", () => {
  it("with conlleval, turns an I- that continues nothing or another type into B-", () => {
    expect(repair(tags("I-PER I-PER O B-LOC I-PER"), "BIO", "conlleval")).toEqual({
      tags: tags("B-PER I-PER O B-LOC B-PER"),
      repaired: 2
    })
  })

  it("with discard, turns the invalid I- and the I- tags continuing it into O, as SeqScore does", () => {
    expect(repair(tags("I-PER I-PER O B-LOC I-PER I-PER B-ORG"), "BIO", "discard")).toEqual({
      tags: tags("O O O B-LOC O O B-ORG"),
      repaired: 2
    })
    // Each I- of another type is invalid after the O the one before it became.
    expect(repair(tags("O I-PER I-LOC B-ORG"), "BIO", "discard")).toEqual({ tags: tags("O O O B-ORG"), repaired: 2 })
  })

  it("leaves a valid sequence as it is, with no repair counted", () => {
    expect(repair(tags("B-PER I-PER O"), "BIO", "discard")).toEqual({ tags: tags("B-PER I-PER O"), repaired: 0 })
  })
})

describe("repair IOB", () => {
  it("with conlleval, turns a B- that follows no mention of its type into I-, as SeqScore does", () => {
    expect(repair(tags("B-PER I-PER O I-LOC B-PER I-PER B-PER"), "IOB", "conlleval")).toEqual({
      tags: tags("I-PER I-PER O I-LOC I-PER I-PER B-PER"),
      repaired: 2
    })
  })

  it("with discard, drops a mention opened by such a B-, keeping one B- splits from a same-type mention", () => {
    expect(repair(tags("B-PER I-PER O I-LOC B-LOC I-LOC"), "IOB", "discard")).toEqual({
      tags: tags("O O O I-LOC B-LOC I-LOC"),
      repaired: 1
    })
  })
})

describe("repair BIOES", () => {
  it("with conlleval, closes what is left open and opens what is continued from nothing", () => {
    // B-PER O: an unclosed one-token mention, S-PER. I-LOC E-LOC after O: a mention B-LOC E-LOC.
    // B-ORG at the end: S-ORG.
    expect(repair(tags("B-PER O I-LOC E-LOC B-ORG"), "BIOES", "conlleval")).toEqual({
      tags: tags("S-PER O B-LOC E-LOC S-ORG"),
      repaired: 3
    })
  })

  it("with discard, keeps only the mentions written B- I-* E- or S-", () => {
    expect(repair(tags("B-PER I-PER O S-LOC I-ORG E-ORG B-PER I-PER E-PER"), "BIOES", "discard")).toEqual({
      tags: tags("O O O S-LOC O O B-PER I-PER E-PER"),
      repaired: 2
    })
  })
})
