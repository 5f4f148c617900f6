import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { checkConll, parseConll, writeConll } from "./conll.ts"
import { InvalidConll, MalformedConll } from "./errors.ts"

const failure = <A, E>(result: Result.Result<A, E>): E => {
  if (Result.isSuccess(result)) throw new Error(`expected a failure, got ${JSON.stringify(result.success)}`)
  return result.failure
}

describe("parseConll", () => {
  it("reads sentences between blank lines, with the line of each token; runs of blank lines are no sentence", () => {
    const text = "\n\nAnna B-PER\nsings O\n\n\n\nBerlin\tS-LOC\n"
    expect(parseConll(text, "a.bio")).toEqual(
      Result.succeed([
        { tokens: ["Anna", "sings"], tags: ["B-PER", "O"], lines: [3, 4] },
        { tokens: ["Berlin"], tags: ["S-LOC"], lines: [8] }
      ])
    )
  })

  it("reads CRLF line endings, a byte-order mark, no final newline, and takes the tag from the last column", () => {
    expect(parseConll("\uFEFFAnna NNP B-PER\r\nsings VBZ O\r\n\r\nhi UH O", "a.bio")).toEqual(
      Result.succeed([
        { tokens: ["Anna", "sings"], tags: ["B-PER", "O"], lines: [1, 2] },
        { tokens: ["hi"], tags: ["O"], lines: [4] }
      ])
    )
  })

  it("reads an empty text as no sentence", () => {
    expect(parseConll("", "a.bio")).toEqual(Result.succeed([]))
  })

  it("names the file and line of a line with one column", () => {
    const error = failure(parseConll("Anna B-PER\nsings\n", "a.bio"))
    expect(error).toBeInstanceOf(MalformedConll)
    expect(error).toMatchObject({ file: "a.bio", line: 2 })
    expect(error.message).toBe("a.bio: one column only, where a token and its tag are expected on line 2")
  })

  it("refuses ragged columns, empty columns and tags of the wrong shape", () => {
    expect(failure(parseConll("Anna NNP B-PER\n\nsings O\n", "a.bio")).message).toBe(
      "a.bio: 2 columns where line 1 has 3 on line 3"
    )
    expect(failure(parseConll("Anna  B-PER\n", "a.bio")).message).toMatch(/^a\.bio: empty column .* on line 1$/)
    expect(failure(parseConll(" B-PER\n", "a.bio"))).toMatchObject({ line: 1 })
    expect(failure(parseConll("Anna B-PER \n", "a.bio"))).toMatchObject({ line: 1 })
    for (const tag of ["PER", "B-", "X-PER", "b-PER", "B_PER", "O-PER"]) {
      expect(failure(parseConll(`ok O\nAnna ${tag}\n`, "a.bio")).message, tag).toBe(
        `a.bio: tag '${tag}' is not O, B-X, I-X, E-X or S-X on line 2`
      )
    }
  })
})

describe("writeConll", () => {
  it("writes one token and tag a line and a blank line after each sentence, skipping empty sentences", () => {
    const sentences = [
      { tokens: ["Anna", "sings"], tags: ["B-PER", "O"] },
      { tokens: [], tags: [] },
      { tokens: ["Berlin"], tags: ["B-LOC"] }
    ]
    expect(writeConll(sentences)).toBe("Anna B-PER\nsings O\n\nBerlin B-LOC\n\n")
    expect(writeConll([])).toBe("")
  })
})

describe("checkConll", () => {
  const sentences = [
    { tokens: ["Anna", "sings"], tags: ["B-PER", "O"], lines: [1, 2] },
    { tokens: ["in", "New", "York"], tags: ["O", "I-LOC", "I-LOC"], lines: [4, 5, 6] },
    { tokens: ["Paul", "'s", "car"], tags: ["B-PER", "I-ORG", "O"], lines: [8, 9, 10] }
  ]

  it("without repair, fails on the first invalid transition, naming file, token and line", () => {
    const error = failure(checkConll(sentences, "a.bio", "BIO", null))
    expect(error).toBeInstanceOf(InvalidConll)
    expect(error).toMatchObject({ file: "a.bio", line: 5, token: "New", from: "O", to: "I-LOC", atEnd: false })
    expect(error.message).toBe("a.bio: Invalid transition 'O' -> 'I-LOC' for token 'New' on line 5")
  })

  it("quotes a token holding an apostrophe in double quotes, as Python's repr does", () => {
    expect(failure(checkConll(sentences.slice(2), "a.bio", "BIO", null)).message).toBe(
      `a.bio: Invalid transition 'B-PER' -> 'I-ORG' for token "'s" on line 9`
    )
  })

  it("words a mention left open at the sentence end as SeqScore does", () => {
    const open = [{ tokens: ["to", "Berlin"], tags: ["O", "B-LOC"], lines: [3, 4] }]
    const error = failure(checkConll(open, "a.bioes", "BIOES", null))
    expect(error).toMatchObject({ line: 4, token: "Berlin", from: "B-LOC", to: "O", atEnd: true })
    expect(error.message).toBe("a.bioes: Invalid transition 'B-LOC' -> 'O' after token 'Berlin' on line 4 at end of sequence")
  })

  it("with repair, mends every sentence and counts the invalid transitions of the whole file", () => {
    expect(checkConll(sentences, "a.bio", "BIO", "conlleval")).toEqual(
      Result.succeed({
        sentences: [
          sentences[0],
          { tokens: ["in", "New", "York"], tags: ["O", "B-LOC", "I-LOC"], lines: [4, 5, 6] },
          { tokens: ["Paul", "'s", "car"], tags: ["B-PER", "B-ORG", "O"], lines: [8, 9, 10] }
        ],
        repaired: 2
      })
    )
  })
})
