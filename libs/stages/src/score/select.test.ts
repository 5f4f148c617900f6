import { describe, expect, it } from "vitest"
import { type LanguageJudgement, makeSelection } from "./select.ts"

const passage = (document: string, text = "Le Kenya et la France ont signé un accord à Nairobi.") => ({ document, text })
const english = "The committee of the United Nations said that it would meet in New York in the spring of this year."

// A stand-in for language ID: a text starting with "The" is all English, the rest all the project's language.
const judgeLanguage = (text: string): LanguageJudgement =>
  text.startsWith("The") ? { share: 1, language: "eng", reject: true } : { share: 0, language: null, reject: false }

const decideAll = (passages: ReadonlyArray<{ document: string; text: string }>, scores: ReadonlyArray<number>, target = 10) => {
  const selection = makeSelection({ threshold: 0.5, target, judgeLanguage })
  const decisions = passages.map((p, index) => selection.decide(p, scores[index]).decision)
  return { decisions, totals: selection.totals() }
}

describe("makeSelection", () => {
  it("keeps the first chunk of a document above the threshold and skips its later chunks", () => {
    const { decisions, totals } = decideAll([passage("a"), passage("a"), passage("a"), passage("b")], [0.2, 0.9, 0.95, 0.7])
    expect(decisions).toEqual(["below-threshold", "kept", "later-chunk", "kept"])
    expect(totals).toEqual({
      kept: 2, belowThreshold: 1, otherLanguage: 0, otherLanguages: {}, laterChunks: 1, afterTarget: 0
    })
  })

  it("looks again at a later chunk of a document whose earlier chunks were rejected", () => {
    const { decisions } = decideAll([passage("a", english), passage("a"), passage("a")], [0.9, 0.9, 0.9])
    expect(decisions).toEqual(["other-language", "kept", "later-chunk"])
  })

  it("treats a score equal to the threshold as below it", () => {
    expect(decideAll([passage("a")], [0.5]).decisions).toEqual(["below-threshold"])
  })

  it("rejects passages in another language, counted by the language detected, with the share it found", () => {
    const selection = makeSelection({ threshold: 0.5, target: 10, judgeLanguage })
    expect(selection.decide(passage("a", english), 0.9)).toEqual({ decision: "other-language", otherShare: 1, otherLanguage: "eng" })
    expect(selection.decide(passage("b"), 0.9)).toEqual({ decision: "kept", otherShare: 0, otherLanguage: null })
    expect(selection.decide(passage("c"), 0.1)).toEqual({ decision: "below-threshold", otherShare: null, otherLanguage: null })
    expect(selection.totals()).toMatchObject({ otherLanguage: 1, otherLanguages: { eng: 1 }, kept: 1 })
  })

  it("asks language ID only about passages that would otherwise be kept", () => {
    const asked: Array<string> = []
    const selection = makeSelection({ threshold: 0.5, target: 1, judgeLanguage: (text) => (asked.push(text), judgeLanguage(text)) })
    for (const [p, score] of [[passage("a", "low"), 0.1], [passage("b", "good"), 0.9], [passage("b", "later"), 0.9], [passage("c", "after"), 0.9]] as const) {
      selection.decide(p, score)
    }
    expect(asked).toEqual(["good"])
  })

  it("stops keeping at the target and counts what came after it", () => {
    const { decisions, totals } = decideAll(["a", "b", "c", "d"].map((d) => passage(d)), [0.9, 0.9, 0.9, 0.9], 2)
    expect(decisions).toEqual(["kept", "kept", "after-target", "after-target"])
    expect(totals.afterTarget).toBe(2)
  })
})
