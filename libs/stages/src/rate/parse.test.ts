import { describe, expect, it } from "vitest"
import { parseRatingAnswer } from "./parse.ts"

describe("parseRatingAnswer", () => {
  it("reads the rating inside a fence among chatter, trimming the justification", () => {
    const answer = [
      "Sure, here is my rating:",
      "```json",
      `{"justification": " Many people and places, clean prose. ", "score": 3}`,
      "```",
      "Let me know if you need more."
    ].join("\n")
    expect(parseRatingAnswer(answer)).toEqual({
      ok: true,
      value: { score: 3, justification: "Many people and places, clean prose." }
    })
  })

  it("reads Python dict syntax and a whole number written 4.0, keys in any order", () => {
    expect(parseRatingAnswer(`{'score': 4.0, 'justification': 'rich'}`)).toEqual({
      ok: true,
      value: { score: 4, justification: "rich" }
    })
    expect(parseRatingAnswer(`{"score": 1, "justification": ""}`)).toEqual({ ok: true, value: { score: 1, justification: "" } })
  })

  it("rejects a score off the 1-4 scale, fractional, quoted, as text or absent, each by its reason", () => {
    const reason = (answer: string) => {
      const parsed = parseRatingAnswer(answer)
      return parsed.ok ? null : parsed.reason
    }
    expect(reason(`{"justification": "x", "score": 5}`)).toBe("score-out-of-range")
    expect(reason(`{"justification": "x", "score": 0}`)).toBe("score-out-of-range")
    expect(reason(`{"justification": "x", "score": 2.5}`)).toBe("score-fractional")
    expect(reason(`{"justification": "x", "score": "3"}`)).toBe("score-quoted")
    expect(reason(`{"justification": "x", "score": "7"}`)).toBe("score-out-of-range")
    expect(reason(`{"justification": "x", "score": "3/4"}`)).toBe("score-not-a-number")
    expect(reason(`{"justification": "x", "score": [3]}`)).toBe("score-not-a-number")
    expect(reason(`{"justification": "x"}`)).toBe("score-missing")
    expect(reason(`{"justification": "x", "score": null}`)).toBe("score-missing")
  })

  it("rejects a missing or non-string justification as malformed, after the score", () => {
    expect(parseRatingAnswer(`{"score": 2}`)).toEqual({ ok: false, reason: "malformed" })
    expect(parseRatingAnswer(`{"score": 2, "justification": 7}`)).toEqual({ ok: false, reason: "malformed" })
    expect(parseRatingAnswer(`{"score": 9, "justification": 7}`)).toEqual({ ok: false, reason: "score-out-of-range" })
  })

  it("rejects a blank answer as empty, prose as malformed and a cut object as truncated", () => {
    expect(parseRatingAnswer("  \n")).toEqual({ ok: false, reason: "empty" })
    expect(parseRatingAnswer("I would give it a 3.")).toEqual({ ok: false, reason: "malformed" })
    expect(parseRatingAnswer(`{"justification": "Several cities and a per`)).toEqual({ ok: false, reason: "truncated" })
  })

  it("reads the answer after a reasoning block", () => {
    expect(parseRatingAnswer(`<think>{"score": 1}</think>{"justification": "clean", "score": 2}`)).toEqual({
      ok: true,
      value: { score: 2, justification: "clean" }
    })
  })
})
