import { readFileSync } from "node:fs"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { checkConll, type ConllSentence, parseConll, writeConll } from "./conll.ts"
import { convert, mentionsOf } from "./mentions.ts"
import { repair } from "./repair.ts"
import { validate } from "./validate.ts"

// SeqScore's own sample files (fixtures/README.md): what SeqScore does with them is the expectation.
const text = (file: string) => readFileSync(new URL(`fixtures/${file}`, import.meta.url), "utf8")

const sentencesOf = (file: string): Array<ConllSentence> => {
  const parsed = parseConll(text(file), file)
  if (Result.isFailure(parsed)) throw parsed.failure
  return parsed.success
}

const files = [
  "reference.bio",
  "predicted.bio",
  "invalid.bio",
  "invalid_repair_conlleval.bio",
  "invalid_repair_discard.bio",
  "reference.bioes"
]

describe("the SeqScore samples", () => {
  it("read as 2 sentences of 5 and 10 tokens and write back byte for byte", () => {
    for (const file of files) {
      const sentences = sentencesOf(file)
      expect(sentences.map((sentence) => sentence.tokens.length), file).toEqual([5, 10])
      expect(sentences[1].lines, file).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16])
      expect(writeConll(sentences), file).toBe(text(file))
    }
  })

  it("reference.bio holds 3 mentions: University of Pennsylvania, West Philadelphia, Pennsylvania", () => {
    const [first, second] = sentencesOf("reference.bio")
    expect(mentionsOf(first.tags)).toEqual([])
    // Second sentence: University(0) of(1) Pennsylvania(2) is(3) in(4) West(5) Philadelphia(6) ,(7) Pennsylvania(8) .(9)
    expect(mentionsOf(second.tags)).toEqual([
      { start: 0, end: 3, type: "ORG" },
      { start: 5, end: 7, type: "LOC" },
      { start: 8, end: 9, type: "LOC" }
    ])
  })

  it("predicted.bio holds 4: West and Philadelphia are two LOC mentions there", () => {
    const [first, second] = sentencesOf("predicted.bio")
    expect(mentionsOf(first.tags)).toEqual([])
    expect(mentionsOf(second.tags)).toEqual([
      { start: 0, end: 3, type: "ORG" },
      { start: 5, end: 6, type: "LOC" },
      { start: 6, end: 7, type: "LOC" },
      { start: 8, end: 9, type: "LOC" }
    ])
  })

  it("reference.bio in BIOES is reference.bioes, and back", () => {
    const bio = sentencesOf("reference.bio")
    const bioes = sentencesOf("reference.bioes")
    bio.forEach((sentence, index) => {
      expect(validate(bioes[index].tags, "BIOES")).toEqual([])
      expect(convert(sentence.tags, "BIOES")).toEqual(bioes[index].tags)
      expect(convert(bioes[index].tags, "BIO")).toEqual(sentence.tags)
    })
  })

  it("invalid.bio fails validation as SeqScore words it", () => {
    const checked = checkConll(sentencesOf("invalid.bio"), "invalid.bio", "BIO", null)
    expect(Result.isFailure(checked) && checked.failure.message).toBe(
      "invalid.bio: Invalid transition 'O' -> 'I-ORG' for token 'University' on line 7"
    )
  })

  for (const method of ["conlleval", "discard"] as const) {
    it(`repaired with ${method}, invalid.bio becomes invalid_repair_${method}.bio, with 1 repair`, () => {
      const checked = checkConll(sentencesOf("invalid.bio"), "invalid.bio", "BIO", method)
      if (Result.isFailure(checked)) throw checked.failure
      expect(checked.success.repaired).toBe(1)
      expect(writeConll(checked.success.sentences)).toBe(text(`invalid_repair_${method}.bio`))
      expect(repair(sentencesOf("invalid.bio")[1].tags, "BIO", method)).toEqual({
        tags: sentencesOf(`invalid_repair_${method}.bio`)[1].tags,
        repaired: 1
      })
    })
  }
})
