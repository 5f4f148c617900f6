import { InvalidConll, writeConll } from "#bio"
import { describe, expect, it } from "vitest"
import { parseMasakhaner } from "./conll.ts"
import { MalformedGold } from "./errors.ts"
import { failure, fixture, success } from "./fixtures.fixture.ts"
import { parseGold } from "./read.ts"

describe("MasakhaNER token TAG files", () => {
  it("joins the tokens by single spaces and places mentions in code points", () => {
    const { sentences, repaired } = success(parseGold("conll", fixture("conll.txt"), "conll.txt", null))
    expect(repaired).toBe(0)
    expect(sentences).toEqual([
      {
        id: "1",
        text: "Amina Juma visited Nairobi on 12 May 2021 .",
        mentions: [{ start: 0, end: 10, type: "PER" }, { start: 19, end: 26, type: "LOC" }, { start: 30, end: 41, type: "DATE" }],
        line: 1
      },
      {
        id: "2",
        text: "🌍🌍 Green Earth Trust met Ali .",
        // The two emoji are two code points (four UTF-16 units).
        mentions: [{ start: 3, end: 20, type: "ORG" }, { start: 25, end: 28, type: "PER" }],
        line: 11
      }
    ])
  })

  it("is written back byte for byte by #bio's writeConll", () => {
    const text = fixture("conll.txt")
    expect(writeConll(success(parseMasakhaner(text, "conll.txt")))).toBe(text)
  })

  it("fails on an O -> I-X transition unless repaired, and counts the repairs", () => {
    const text = "Amina O\nJuma I-PER\nsang O\n\nin O\nLagos I-LOC\n\n"
    expect(failure(parseGold("conll", text, "a.txt", null))).toBeInstanceOf(InvalidConll)
    expect(failure(parseGold("conll", text, "a.txt", null)).message).toBe(
      "a.txt: Invalid transition 'O' -> 'I-PER' for token 'Juma' on line 2"
    )
    const { sentences, repaired } = success(parseGold("conll", text, "a.txt", "conlleval"))
    expect(repaired).toBe(2)
    expect(sentences.map(({ mentions }) => mentions)).toEqual([[{ start: 6, end: 10, type: "PER" }], [{ start: 3, end: 8, type: "LOC" }]])
  })

  it("reports #bio's malformed lines as MalformedGold with file and line", () => {
    const error = failure(parseGold("conll", "Amina B-PER\nJuma\n", "a.txt", null))
    expect(error).toBeInstanceOf(MalformedGold)
    expect(error).toMatchObject({ file: "a.txt", line: 2 })
  })
})
