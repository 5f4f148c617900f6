import { readFileSync } from "node:fs"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { type Mention, type Scores, scoreMentions, seqscorePercent } from "#evaluate"
import { checkConll, type ConllSentence, mentionsOf, parseConll, type RepairMethod } from "./index.ts"

/**
 * SeqScore end to end on its own sample files (fixtures/README.md): read and validated here, scored by #evaluate,
 * against the figures SeqScore's README prints for them. The two libraries are checked together on purpose: the
 * gold readers feed #bio's sentences to #evaluate's scorer, and this is the one place the pair meets published numbers.
 */
const read = (file: string): Array<ConllSentence> => {
  const parsed = parseConll(readFileSync(new URL(`fixtures/${file}`, import.meta.url), "utf8"), file)
  if (Result.isFailure(parsed)) throw parsed.failure
  return parsed.success
}

const checked = (file: string, repair: RepairMethod | null) => {
  const result = checkConll(read(file), file, "BIO", repair)
  if (Result.isFailure(result)) throw result.failure
  return result.success
}

/** Every token mention of a file's sentences, the sentence's index its id and its tokens joined by a space its text. */
const mentions = (sentences: ReadonlyArray<ConllSentence>): Array<Mention> =>
  sentences.flatMap((sentence, index) =>
    mentionsOf(sentence.tags).map(({ start, end, type }) => ({
      sentence: String(index),
      start,
      end,
      type,
      text: sentence.tokens.slice(start, end).join(" ")
    }))
  )

/** One row of SeqScore's table: reference, predicted, correct, then P, R and F1 as it prints them. */
const row = (score: Scores["overall"]) => [
  score.reference,
  score.predicted,
  score.correct,
  ...[score.precision, score.recall, score.f1].map((value) => seqscorePercent(100 * value))
]

describe("SeqScore's samples, read by #bio and scored by #evaluate", () => {
  it("reference.bio against predicted.bio scores as SeqScore's README: ALL 50.00 / 66.67 / 57.14 (3, 4, 2)", () => {
    const scores = scoreMentions(mentions(checked("reference.bio", null).sentences), mentions(checked("predicted.bio", null).sentences))
    expect(row(scores.overall)).toEqual([3, 4, 2, "50.00", "66.67", "57.14"])
    expect(Object.keys(scores.types)).toEqual(["LOC", "ORG"])
    expect(row(scores.types.LOC)).toEqual([2, 3, 1, "33.33", "50.00", "40.00"])
    expect(row(scores.types.ORG)).toEqual([1, 1, 1, "100.00", "100.00", "100.00"])
  })

  it("its error counts are SeqScore's: FP LOC Philadelphia, FP LOC West, FN LOC West Philadelphia", () => {
    const scores = scoreMentions(mentions(checked("reference.bio", null).sentences), mentions(checked("predicted.bio", null).sentences))
    const listed = (kind: string, found: ReadonlyArray<Mention>) => found.map((mention) => `${kind} ${mention.type} ${mention.text}`)
    // SeqScore orders its error counts by count, then text; the scorer by position: compare as sets.
    expect([...listed("FP", scores.falsePositives), ...listed("FN", scores.falseNegatives)].sort()).toEqual([
      "FN LOC West Philadelphia",
      "FP LOC Philadelphia",
      "FP LOC West"
    ])
    expect(scores.falseNegatives.map((mention) => mention.sentence)).toEqual(["1"])
  })

  it("invalid.bio without repair fails on line 7, as SeqScore words it", () => {
    const result = checkConll(read("invalid.bio"), "invalid.bio", "BIO", null)
    expect(Result.isFailure(result) && result.failure.message).toBe(
      "invalid.bio: Invalid transition 'O' -> 'I-ORG' for token 'University' on line 7"
    )
  })

  it("invalid.bio repaired the conlleval way scores 100.00 / 100.00 / 100.00 (3, 3, 3) against reference.bio", () => {
    const repaired = checked("invalid.bio", "conlleval")
    expect(repaired.repaired).toBe(1)
    const scores = scoreMentions(mentions(checked("reference.bio", null).sentences), mentions(repaired.sentences))
    expect(row(scores.overall)).toEqual([3, 3, 3, "100.00", "100.00", "100.00"])
    expect([scores.falsePositives, scores.falseNegatives]).toEqual([[], []])
  })
})
