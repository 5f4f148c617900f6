import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { formatTuples, parseTuples } from "./tuples.ts"

describe("formatTuples", () => {
  it("writes a Python-style list, escaping quotes and backslashes", () => {
    expect(formatTuples([])).toBe("[]")
    expect(formatTuples([{ mention: "Kenya", label: "country" }, { mention: 'a "b" \\c', label: "x" }])).toBe(
      '[("Kenya", "country"), ("a \\"b\\" \\\\c", "x")]'
    )
  })
})

describe("parseTuples", () => {
  it("reads what formatTuples writes", () => {
    const pairs = [{ mention: 'O"Neil \\ Co', label: "proper name" }, { mention: "مارس", label: "month" }]
    expect(parseTuples(formatTuples(pairs))).toEqual(Result.succeed(pairs))
  })

  it("reads single quotes, white space and trailing commas", () => {
    expect(parseTuples(" [ ('Kenya' , \"country\",) ,\n] ")).toEqual(Result.succeed([{ mention: "Kenya", label: "country" }]))
  })

  it("names where it stopped on a malformed list", () => {
    expect(parseTuples('[("Kenya", "country")')).toEqual(Result.fail("expected ',' or ']' at character 21 of the annotations"))
    expect(parseTuples('[("Kenya")]')).toEqual(Result.fail("expected ',' at character 9 of the annotations"))
    expect(parseTuples("Kenya")).toEqual(Result.fail("expected '[' at character 0 of the annotations"))
    expect(parseTuples("[] extra")).toEqual(Result.fail("expected the end at character 3 of the annotations"))
  })
})
