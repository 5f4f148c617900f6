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

  it("rejects a rating absent or null as score-missing", () => {
    expect(parseJudgementAnswer(`{"completeness": 3}`)).toEqual({ ok: false, reason: "score-missing" })
    expect(parseJudgementAnswer(`{"faithfulness": null, "completeness": 3}`)).toEqual({ ok: false, reason: "score-missing" })
    expect(parseJudgementAnswer(`{'faithfulness': 4, 'completeness': None}`)).toEqual({ ok: false, reason: "score-missing" })
  })

  it("rejects a rating with a fractional part as score-fractional, bare or quoted", () => {
    for (const rating of ["4.5", `"4.5"`, "0.5", `" 2.25 "`]) {
      expect(parseJudgementAnswer(`{"faithfulness": ${rating}, "completeness": 3}`)).toEqual({ ok: false, reason: "score-fractional" })
    }
  })

  it("rejects a whole number off the 1-5 scale as score-out-of-range, bare or quoted", () => {
    for (const rating of ["0", "6", "-1", "10", `"6"`, `"0"`]) {
      expect(parseJudgementAnswer(`{"faithfulness": 5, "completeness": ${rating}}`)).toEqual({ ok: false, reason: "score-out-of-range" })
    }
  })

  it("rejects a rating on the scale written in quotes as score-quoted, never reading text as a number", () => {
    expect(parseJudgementAnswer(`{"faithfulness": "4", "completeness": 3}`)).toEqual({ ok: false, reason: "score-quoted" })
    expect(parseJudgementAnswer(`{'faithfulness': 4, 'completeness': '5'}`)).toEqual({ ok: false, reason: "score-quoted" })
  })

  it("rejects a rating that is text or another kind of value as score-not-a-number", () => {
    for (const rating of [`"5/5"`, `"4 out of 5"`, `"four"`, `""`, "true", "[4]", `{"score": 4}`, "excellent"]) {
      expect(parseJudgementAnswer(`{"faithfulness": ${rating}, "completeness": 3}`)).toEqual({ ok: false, reason: "score-not-a-number" })
    }
  })

  it("takes a bare whole number written with a zero fraction, and the ends of the scale", () => {
    expect(parseJudgementAnswer(`{"faithfulness": 4.0, "completeness": 1}`)).toEqual({
      ok: true,
      value: { faithfulness: 4, completeness: 1, missing: [], extra: [], wrong: [] }
    })
    expect(parseJudgementAnswer(`{"faithfulness": 5, "completeness": 5}`)).toMatchObject({ ok: true, value: { faithfulness: 5 } })
  })

  it("counts one reason per answer: faithfulness's before completeness's", () => {
    expect(parseJudgementAnswer(`{"faithfulness": 7, "completeness": 2.5}`)).toEqual({ ok: false, reason: "score-out-of-range" })
    expect(parseJudgementAnswer(`{"faithfulness": 3, "completeness": 2.5}`)).toEqual({ ok: false, reason: "score-fractional" })
  })

  it("takes a fraction or a phrase outside quotes as a broken object: malformed", () => {
    expect(parseJudgementAnswer(`{"faithfulness": 5/5, "completeness": 3}`)).toEqual({ ok: false, reason: "malformed" })
    expect(parseJudgementAnswer(`{"faithfulness": 4 out of 5, "completeness": 3}`)).toEqual({ ok: false, reason: "malformed" })
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
