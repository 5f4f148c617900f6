import { describe, expect, it } from "vitest"
import { parseJudgementAnswer } from "./parse.ts"

describe("parseJudgementAnswer", () => {
  it("reads the verdict inside a fence among chatter, normalising labels", () => {
    const answer = [
      "Here is my evaluation:",
      "```json",
      `{"faithfulness": 4, "completeness": 3,`,
      ` "missing": [{"mention": "Mombasa", "label": "Port City"}],`,
      ` "extra": [{"mention": "Monday", "label": "day"}],`,
      ` "wrong": []}`,
      "```",
      "The annotation is mostly correct."
    ].join("\n")
    expect(parseJudgementAnswer(answer)).toEqual({
      ok: true,
      value: {
        faithfulness: 4,
        completeness: 3,
        missing: [{ mention: "Mombasa", label: "port city" }],
        extra: [{ mention: "Monday", label: "day" }],
        wrong: []
      }
    })
  })

  it("reads a bare object, takes an absent list as empty and tolerates Python syntax", () => {
    expect(parseJudgementAnswer(`{'faithfulness': 5, 'completeness': 5, 'missing': [], 'extra': [],}`)).toEqual({
      ok: true,
      value: { faithfulness: 5, completeness: 5, missing: [], extra: [], wrong: [] }
    })
  })

  it("rejects ratings that are not integers from 1 to 5", () => {
    for (const rating of ["4.5", "0", "6", `"4"`, "null"]) {
      expect(parseJudgementAnswer(`{"faithfulness": ${rating}, "completeness": 3}`)).toEqual({ ok: false, reason: "malformed" })
    }
  })

  it("rejects judged mentions that are not mention-label objects", () => {
    expect(parseJudgementAnswer(`{"faithfulness": 3, "completeness": 3, "missing": ["Mombasa"]}`))
      .toEqual({ ok: false, reason: "malformed" })
  })

  it("names why an answer is unusable", () => {
    expect(parseJudgementAnswer(" ")).toEqual({ ok: false, reason: "empty" })
    expect(parseJudgementAnswer("The annotation looks good to me.")).toEqual({ ok: false, reason: "malformed" })
    expect(parseJudgementAnswer(`{"faithfulness": 4, "completeness": 5, "missing": [{"mention": "Mom`))
      .toEqual({ ok: false, reason: "truncated" })
  })
})
