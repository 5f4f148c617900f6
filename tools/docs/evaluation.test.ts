import { existsSync, readFileSync, rmSync } from "node:fs"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import type { EvaluationReport } from "#schema"
import { finerweb, needsSharedData, scratchWorkspace, sharedData, sharedDataAbsent } from "#testing"
import { installedRoot } from "#workspace"
import { sectionBody } from "./section.ts"
import { evaluationRows, evaluationSection, readReports } from "./evaluation.ts"

const score = (reference: number, predicted: number, correct: number) => {
  const precision = predicted === 0 ? 0 : correct / predicted
  const recall = reference === 0 ? 0 : correct / reference
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return { reference, predicted, correct, precision, recall, f1 }
}

/** A report of one UNER set: PER 1 of 2 found with 1 wrong guess, LOC 0 of 1, ORG 2 of 2. */
const report: EvaluationReport = {
  language: "eng_Latn",
  annotator: "some-model",
  standIn: false,
  prompt: "0".repeat(64),
  sets: [{
    set: "uner-en_ewt",
    file: "uner/UNER_English-EWT/en_ewt-ud-test.iob2",
    sha256: "1".repeat(64),
    sentences: 10,
    of: 2077,
    repaired: 0,
    family: "uner",
    goldTypeMapVersion: 1,
    labelMapVersion: 1,
    types: ["PER", "LOC", "ORG"],
    counts: { sentences: 10, goldMentions: 5, predictedMentions: 6 },
    dropped: { gold: {}, predicted: {} },
    unmapped: { mentions: 1, share: 1 / 6, distinctLabels: 1, labels: [{ label: "zorblax", count: 1 }] },
    notCore: { mentions: 0, share: 0, distinctLabels: 0, labels: [] },
    scores: {
      overall: score(5, 5, 3),
      types: { PER: score(2, 2, 1), LOC: score(1, 1, 0), ORG: score(2, 2, 2) },
      span: score(5, 6, 4)
    }
  }]
}

describe("the README's evaluation table", () => {
  it("gives per set: sentences drawn of all, gold mentions, P / R / F1 per type and typed, span F1, unmapped share", () => {
    // typed 3/5 both ways: 60.00; span P 4/6 = 66.67, R 4/5 = 80.00, F1 = 72.73; unmapped 1/6 = 16.67.
    expect(evaluationRows([report])).toEqual([
      "| eng_Latn | uner-en_ewt | 10 of 2077 | 5 | 50.00 / 50.00 / 50.00 | 0.00 / 0.00 / 0.00 | " +
      "100.00 / 100.00 / 100.00 | - | 60.00 / 60.00 / 60.00 | 72.73 | 16.67 | 0.00 | some-model |"
    ])
  })

  it("says when it was made and by which command", () => {
    const body = sectionBody(readFileSync(`${installedRoot}/README.md`, "utf8"), evaluationSection)
    expect(body).toMatch(/^Made on \d{4}-\d{2}-\d{2} by `npx nx run-many -t evaluate && npx node tools\/docs\/evaluation\.ts`/)
  })

  const gold = sharedData
  let root: string | undefined
  afterAll(() => root !== undefined && rmSync(root, { recursive: true, force: true }))

  it.skipIf(sharedDataAbsent)(
    needsSharedData("holds the rows that evaluate gives today for fil_Latn"),
    () => {
      root = scratchWorkspace(["fil_Latn"])
      const result = finerweb(root, ["evaluate", "fil_Latn"], { FINERWEB_GOLD_DIR: gold })
      expect(result.status, result.stderr).toBe(0)
      const readme = sectionBody(readFileSync(`${installedRoot}/README.md`, "utf8"), evaluationSection)
      const inReadme = readme.split("\n").filter((line) => line.startsWith("| fil_Latn |"))
      expect(inReadme).toEqual(evaluationRows(readReports(root)))
      expect(existsSync(join(root, "languages/fil_Latn/out/evaluate/errors.jsonl"))).toBe(true)
    },
    120_000
  )
})
