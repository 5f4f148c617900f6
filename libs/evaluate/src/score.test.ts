import { assert, describe, it } from "@effect/vitest"
import { seqscorePercent } from "./percent.ts"
import { type Mention, type Score, scoreMentions } from "./score.ts"

const percents = (score: Score) => [score.precision, score.recall, score.f1].map((value) => seqscorePercent(100 * value))

/**
 * SeqScore's samples (bltlab/seqscore:samples/{reference,predicted}.bio@f96ae09e521837252c05670bb545ede62c33e4ee,
 * MIT), written out by hand as token mentions (token indices, end exclusive). Sentence 1 is "This is a sentence ."
 * with no mentions; sentence 2 is
 *   0 University  1 of  2 Pennsylvania  3 is  4 in  5 West  6 Philadelphia  7 ,  8 Pennsylvania  9 .
 * reference: B-ORG I-ORG I-ORG O O B-LOC I-LOC O B-LOC O; predicted: the same but B-LOC on "Philadelphia".
 */
const mention = (start: number, end: number, type: string, text: string): Mention => ({ sentence: "2", start, end, type, text })
const reference = [mention(0, 3, "ORG", "University of Pennsylvania"), mention(5, 7, "LOC", "West Philadelphia"), mention(8, 9, "LOC", "Pennsylvania")]
const predicted = [
  mention(0, 3, "ORG", "University of Pennsylvania"),
  mention(5, 6, "LOC", "West"),
  mention(6, 7, "LOC", "Philadelphia"),
  mention(8, 9, "LOC", "Pennsylvania")
]

describe("scoreMentions", () => {
  it("reproduces SeqScore's scores of its samples (README: ALL 50.00 / 66.67 / 57.14, LOC 33.33 / 50.00 / 40.00, ORG 100)", () => {
    const scores = scoreMentions(reference, predicted)
    assert.deepStrictEqual(percents(scores.overall), ["50.00", "66.67", "57.14"])
    assert.deepStrictEqual([scores.overall.reference, scores.overall.predicted, scores.overall.correct], [3, 4, 2])
    assert.deepStrictEqual(Object.keys(scores.types), ["LOC", "ORG"])
    assert.deepStrictEqual(percents(scores.types.LOC), ["33.33", "50.00", "40.00"])
    assert.deepStrictEqual([scores.types.LOC.reference, scores.types.LOC.predicted, scores.types.LOC.correct], [2, 3, 1])
    assert.deepStrictEqual(percents(scores.types.ORG), ["100.00", "100.00", "100.00"])
  })

  it("lists SeqScore's error counts of its samples: FP LOC West, FP LOC Philadelphia, FN LOC West Philadelphia", () => {
    const scores = scoreMentions(reference, predicted)
    assert.deepStrictEqual(scores.falsePositives.map((m) => [m.type, m.text, m.sentence]), [["LOC", "West", "2"], ["LOC", "Philadelphia", "2"]])
    assert.deepStrictEqual(scores.falseNegatives.map((m) => [m.type, m.text, m.sentence]), [["LOC", "West Philadelphia", "2"]])
  })

  it("scores spans alone: a wrong type is a correct span", () => {
    const gold = [mention(0, 3, "ORG", "University of Pennsylvania"), mention(8, 9, "LOC", "Pennsylvania")]
    const guess = [mention(0, 3, "LOC", "University of Pennsylvania"), mention(5, 6, "LOC", "West")]
    const scores = scoreMentions(gold, guess)
    // typed: 0 of 2 correct; spans: 1 of 2 predicted, 1 of 2 gold
    assert.deepStrictEqual([scores.overall.correct, scores.overall.f1], [0, 0])
    assert.deepStrictEqual(percents(scores.span), ["50.00", "50.00", "50.00"])
    assert.deepStrictEqual(scores.falsePositives.map((m) => m.text), ["University of Pennsylvania", "West"])
    assert.deepStrictEqual(scores.falseNegatives.map((m) => m.text), ["University of Pennsylvania", "Pennsylvania"])
  })

  it("counts a mention listed twice once, as SeqScore scores a sentence's mentions as a set", () => {
    const twice = [...predicted, mention(8, 9, "LOC", "Pennsylvania"), mention(5, 6, "LOC", "West")]
    const scores = scoreMentions(reference, twice)
    assert.deepStrictEqual([scores.overall.predicted, scores.overall.correct], [4, 2])
    assert.deepStrictEqual(scores.falsePositives.map((m) => m.text), ["West", "Philadelphia"])
  })

  it("tells sentences apart: the same offsets in another sentence are another mention", () => {
    const scores = scoreMentions([mention(0, 3, "ORG", "a")], [{ ...mention(0, 3, "ORG", "a"), sentence: "1" }])
    assert.deepStrictEqual([scores.overall.correct, scores.span.correct], [0, 0])
  })

  it("gives 0, not NaN, where a count is 0, as SeqScore does", () => {
    const none = scoreMentions(reference, [])
    assert.deepStrictEqual([none.overall.precision, none.overall.recall, none.overall.f1], [0, 0, 0])
    const empty = scoreMentions([], [])
    assert.deepStrictEqual(empty.overall, { reference: 0, predicted: 0, correct: 0, precision: 0, recall: 0, f1: 0 })
    assert.deepStrictEqual(empty.types, {})
  })
})
