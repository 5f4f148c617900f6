import { describe, expect, it } from "vitest"
import { validate } from "./validate.ts"

const tags = (text: string) => (text === "" ? [] : text.split(" "))

describe("validate BIO", () => {
  it("accepts mentions that open with B-, adjacent ones of any type, and an empty sentence", () => {
    for (const valid of ["O B-PER I-PER O", "B-PER B-PER", "B-PER I-PER B-LOC I-LOC", "B-PER B-LOC O", "O O", ""]) {
      expect(validate(tags(valid), "BIO"), valid).toEqual([])
    }
  })

  it("names an I- at the sentence start as following the implied O", () => {
    expect(validate(tags("I-PER I-PER O"), "BIO")).toEqual([{ index: 0, from: "O", to: "I-PER" }])
  })

  it("rejects I- after O and a change of type inside a mention, each once", () => {
    expect(validate(tags("O I-LOC B-PER I-ORG I-ORG"), "BIO")).toEqual([
      { index: 1, from: "O", to: "I-LOC" },
      { index: 3, from: "B-PER", to: "I-ORG" }
    ])
    expect(validate(tags("B-PER I-PER I-LOC"), "BIO")).toEqual([{ index: 2, from: "I-PER", to: "I-LOC" }])
  })

  it("rejects E- and S-, which BIO does not have, going in and coming out", () => {
    expect(validate(tags("S-PER O"), "BIO")).toEqual([
      { index: 0, from: "O", to: "S-PER" },
      { index: 1, from: "S-PER", to: "O" }
    ])
  })
})

describe("validate IOB", () => {
  it("accepts mentions that open with I-, and B- only between adjacent mentions of one type", () => {
    for (const valid of ["I-PER I-PER O I-LOC", "I-PER B-PER", "I-PER B-PER I-PER B-PER", "I-PER I-LOC", "O"]) {
      expect(validate(tags(valid), "IOB"), valid).toEqual([])
    }
  })

  it("rejects B- at the sentence start, after O, and after a mention of another type", () => {
    expect(validate(tags("B-PER I-PER"), "IOB")).toEqual([{ index: 0, from: "O", to: "B-PER" }])
    expect(validate(tags("O B-PER"), "IOB")).toEqual([{ index: 1, from: "O", to: "B-PER" }])
    expect(validate(tags("I-LOC B-PER"), "IOB")).toEqual([{ index: 1, from: "I-LOC", to: "B-PER" }])
    expect(validate(tags("I-LOC B-LOC B-PER"), "IOB")).toEqual([{ index: 2, from: "B-LOC", to: "B-PER" }])
  })
})

describe("validate BIOES", () => {
  it("accepts B- I-* E- and S- mentions, adjacent in any order and type", () => {
    for (const valid of ["B-PER I-PER E-PER O", "S-PER S-PER", "B-PER E-PER S-LOC B-ORG E-ORG", "S-PER B-PER E-PER", "O"]) {
      expect(validate(tags(valid), "BIOES"), valid).toEqual([])
    }
  })

  it("rejects a mention left open, by O, B-, S- or the sentence end", () => {
    expect(validate(tags("B-PER O"), "BIOES")).toEqual([{ index: 1, from: "B-PER", to: "O" }])
    expect(validate(tags("B-PER B-PER E-PER"), "BIOES")).toEqual([{ index: 1, from: "B-PER", to: "B-PER" }])
    expect(validate(tags("B-PER I-PER S-PER"), "BIOES")).toEqual([{ index: 2, from: "I-PER", to: "S-PER" }])
    expect(validate(tags("O B-PER I-PER"), "BIOES")).toEqual([{ index: 3, from: "I-PER", to: "O" }])
  })

  it("rejects I- or E- that continue nothing or another type", () => {
    expect(validate(tags("E-PER"), "BIOES")).toEqual([{ index: 0, from: "O", to: "E-PER" }])
    expect(validate(tags("S-PER I-PER E-PER"), "BIOES")).toEqual([{ index: 1, from: "S-PER", to: "I-PER" }])
    expect(validate(tags("B-PER E-LOC"), "BIOES")).toEqual([{ index: 1, from: "B-PER", to: "E-LOC" }])
  })
})
