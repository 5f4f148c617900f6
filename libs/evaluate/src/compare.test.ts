import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import { compare, type ComparedSentence } from "./compare.ts"
import { UnknownFamily, UnknownGoldType } from "./errors.ts"
import { Evaluation, type ErrorMention } from "#schema"
import { seqscorePercent } from "./percent.ts"
import type { Score } from "./score.ts"

const percents = (score: Score) => [score.precision, score.recall, score.f1].map((value) => seqscorePercent(100 * value))
const counts = (score: Score) => [score.reference, score.predicted, score.correct]
const brief = (mentions: ReadonlyArray<ErrorMention>) => mentions.map((m) => `${m.sentence} ${m.type} ${m.label} ${m.text}`)

/**
 * A UNER-family case (evaluated: PER, LOC, ORG; OTH dropped), offsets in code points ("🙂" is one).
 *
 * s1  gold: PER Ada Lovelace, PER Babbage, LOC London
 *     predicted: mathematician (PER) ok, inventor (PER) ok, capital city (LOC, head noun) ok, 1833 year (DATE:
 *     not evaluated for UNER, dropped from everything)
 * s2  gold: OTH Croatian (dropped), ORG Red Cross, LOC Zagreb
 *     predicted: nationality (not core), humanitarian organization (ORG, head noun) ok, person on Zagreb (PER: FP, and
 *     LOC Zagreb is a FN)
 * s3  gold: LOC Kigali, LOC Huye
 *     predicted: transport hub on Kigali and on Huye (unmapped: both gold LOC are FN), diplomatic gathering on
 *     "summit" (unmapped)
 *
 * Typed: gold 7 (PER 2, LOC 4, ORG 1), predicted 5 (PER 3, LOC 1, ORG 1), correct 4 (PER 2, LOC 1, ORG 1).
 *   ALL P 4/5 = 80.00, R 4/7 = 57.14, F1 2*(4/5)(4/7)/(4/5+4/7) = 2/3 = 66.67
 *   PER P 2/3 = 66.67, R 2/2 = 100.00, F1 2*(2/3)/(5/3) = 80.00
 *   LOC P 1/1 = 100.00, R 1/4 = 25.00, F1 2*(1/4)/(5/4) = 40.00
 *   ORG 100.00 / 100.00 / 100.00
 * Span-only: gold 7; predicted 9 (all 10 but the DATE); correct 7 (every gold span is among the predicted spans).
 *   P 7/9 = 77.78, R 7/7 = 100.00, F1 2*(7/9)/(16/9) = 7/8 = 87.50
 * Set aside: unmapped 3 of 10 predictions (transport hub 2, diplomatic gathering 1), not core 1 of 10 (nationality).
 */
const sentences: ReadonlyArray<ComparedSentence> = [
  {
    id: "s1",
    text: "Ada Lovelace met Babbage in London in 1833.",
    gold: [{ start: 28, end: 34, type: "LOC" }, { start: 0, end: 12, type: "PER" }, { start: 17, end: 24, type: "PER" }],
    predicted: [
      { start: 0, end: 12, label: "mathematician" },
      { start: 17, end: 24, label: "inventor" },
      { start: 28, end: 34, label: "capital city" },
      { start: 38, end: 42, label: "year" }
    ]
  },
  {
    id: "s2",
    text: "🙂 Croatian Red Cross helped Zagreb.",
    gold: [{ start: 2, end: 10, type: "OTH" }, { start: 11, end: 20, type: "ORG" }, { start: 28, end: 34, type: "LOC" }],
    predicted: [
      { start: 2, end: 10, label: "nationality" },
      { start: 11, end: 20, label: "humanitarian organization" },
      { start: 28, end: 34, label: "person" }
    ]
  },
  {
    id: "s3",
    text: "Kigali and Huye hosted the summit.",
    gold: [{ start: 0, end: 6, type: "LOC" }, { start: 11, end: 15, type: "LOC" }],
    predicted: [
      { start: 0, end: 6, label: "transport hub" },
      { start: 11, end: 15, label: "transport hub" },
      { start: 27, end: 33, label: "diplomatic gathering" }
    ]
  }
]

describe("compare", () => {
  const evaluation = compare({ family: "uner", sentences })

  it("names the maps it used and the types it evaluated", () => {
    assert.deepStrictEqual([evaluation.family, evaluation.goldTypeMapVersion, evaluation.labelMapVersion], ["uner", 1, 1])
    assert.deepStrictEqual(evaluation.types, ["PER", "LOC", "ORG"])
  })

  it("counts what it was given, and what it dropped for a type the family does not evaluate", () => {
    assert.deepStrictEqual(evaluation.counts, { sentences: 3, goldMentions: 8, predictedMentions: 10 })
    assert.deepStrictEqual(evaluation.dropped, { gold: { OTH: 1 }, predicted: { DATE: 1 } })
  })

  it("sets unmapped and not-core labels aside, with their share of all predictions", () => {
    assert.deepStrictEqual(evaluation.unmapped, {
      mentions: 3,
      share: 0.3,
      distinctLabels: 2,
      labels: [{ label: "transport hub", count: 2 }, { label: "diplomatic gathering", count: 1 }]
    })
    assert.deepStrictEqual(evaluation.notCore, { mentions: 1, share: 0.1, distinctLabels: 1, labels: [{ label: "nationality", count: 1 }] })
  })

  it("scores exact span and type, overall and per evaluated type", () => {
    const { overall, types } = evaluation.scores
    assert.deepStrictEqual([counts(overall), percents(overall)], [[7, 5, 4], ["80.00", "57.14", "66.67"]])
    assert.deepStrictEqual(Object.keys(types), ["PER", "LOC", "ORG"])
    assert.deepStrictEqual([counts(types.PER), percents(types.PER)], [[2, 3, 2], ["66.67", "100.00", "80.00"]])
    assert.deepStrictEqual([counts(types.LOC), percents(types.LOC)], [[4, 1, 1], ["100.00", "25.00", "40.00"]])
    assert.deepStrictEqual([counts(types.ORG), percents(types.ORG)], [[1, 1, 1], ["100.00", "100.00", "100.00"]])
  })

  it("scores spans alone over every prediction but those of a type the family does not evaluate", () => {
    const { span } = evaluation.scores
    assert.deepStrictEqual([counts(span), percents(span)], [[7, 9, 7], ["77.78", "100.00", "87.50"]])
  })

  it("lists every false positive and false negative with its label and text, sentence by sentence", () => {
    assert.deepStrictEqual(brief(evaluation.errors.falsePositives), ["s2 PER person Zagreb"])
    assert.deepStrictEqual(brief(evaluation.errors.falseNegatives), ["s2 LOC LOC Zagreb", "s3 LOC LOC Kigali", "s3 LOC LOC Huye"])
    assert.deepStrictEqual(evaluation.errors.falseNegatives[0], { sentence: "s2", start: 28, end: 34, type: "LOC", label: "LOC", text: "Zagreb" })
  })

  it("survives a trip through JSON and its schema unchanged", () => {
    const decoded = Schema.decodeUnknownSync(Evaluation)(JSON.parse(JSON.stringify(evaluation)))
    assert.deepStrictEqual(decoded, evaluation)
  })

  it("maps ThaiNER's own types and evaluates DATE, which UNER does not", () => {
    const thai = compare({
      family: "thainer",
      sentences: [{
        id: "1",
        text: "Somchai paid 500 baht in Bangkok in May.",
        gold: [
          { start: 0, end: 7, type: "PERSON" },
          { start: 13, end: 21, type: "MONEY" },
          { start: 25, end: 32, type: "LOCATION" },
          { start: 36, end: 39, type: "DATE" }
        ],
        predicted: [
          { start: 0, end: 7, label: "person" },
          { start: 17, end: 21, label: "currency" },
          { start: 25, end: 32, label: "city" },
          { start: 36, end: 39, label: "month" }
        ]
      }]
    })
    assert.deepStrictEqual(thai.types, ["PER", "LOC", "ORG", "DATE"])
    assert.deepStrictEqual(thai.dropped, { gold: { MONEY: 1 }, predicted: {} })
    // typed: 3 of 3 on each side; spans: "baht" (currency, not core) is a span no evaluated gold mention has
    assert.deepStrictEqual(counts(thai.scores.overall), [3, 3, 3])
    assert.deepStrictEqual(counts(thai.scores.types.DATE), [1, 1, 1])
    assert.deepStrictEqual(counts(thai.scores.types.ORG), [0, 0, 0])
    assert.deepStrictEqual(counts(thai.scores.span), [3, 4, 3])
  })

  it("counts set-aside labels in normalised form, whatever string they are", () => {
    const odd = compare({
      family: "uner",
      sentences: [{
        id: "1",
        text: "Kigali, Kigali, Kigali.",
        gold: [],
        predicted: [
          { start: 0, end: 6, label: "Transport  Hub" },
          { start: 8, end: 14, label: "transport hub" },
          { start: 16, end: 22, label: "__proto__" }
        ]
      }]
    })
    assert.deepStrictEqual(odd.unmapped.labels, [{ label: "transport hub", count: 2 }, { label: "__proto__", count: 1 }])
  })

  it("gives zeros, not NaN, for no sentences", () => {
    const empty = compare({ family: "masakhaner", sentences: [] })
    assert.deepStrictEqual(empty.unmapped, { mentions: 0, share: 0, distinctLabels: 0, labels: [] })
    assert.deepStrictEqual(empty.scores.overall, { reference: 0, predicted: 0, correct: 0, precision: 0, recall: 0, f1: 0 })
  })

  it("refuses a family or a gold type the gold type map does not know", () => {
    assert.throws(() => compare({ family: "conll", sentences: [] }), UnknownFamily)
    const misc = [{ id: "7", text: "Paris", gold: [{ start: 0, end: 5, type: "MISC" }], predicted: [] }]
    assert.throws(() => compare({ family: "uner", sentences: misc }), UnknownGoldType, /gold type "MISC" of sentence 7/)
  })
})
