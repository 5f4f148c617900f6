/**
 * Writes the README's evaluation table from the evaluate targets' outputs (`languages/<code>/out/evaluate/scores.json`),
 * between its two markers, with the date and the command that made it:
 *
 *   npx nx run-many -t evaluate && npx node tools/docs/evaluation.ts
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { Schema } from "effect"
import { poolScores, seqscorePercent } from "#evaluate"
import { coreTypes, EvaluationReport, type Score } from "#schema"
import { installedRoot } from "#workspace"
import { type Section, withSection } from "./section.ts"

export const evaluationSection: Section = {
  begin: "<!-- evaluation table: written by `npx node tools/docs/evaluation.ts` from languages/*/out/evaluate/scores.json -->",
  end: "<!-- end of evaluation table -->"
}

export const command = "npx nx run-many -t evaluate && npx node tools/docs/evaluation.ts"

const percent = (ratio: number) => seqscorePercent(100 * ratio)
const prf = (score: typeof Score.Type | undefined) =>
  score === undefined ? "-" : `${percent(score.precision)} / ${percent(score.recall)} / ${percent(score.f1)}`

type Scores = EvaluationReport["sets"][number]["scores"]

const row = (cells: ReadonlyArray<string>, scores: Scores, setAside: { unmapped: number; notCore: number }, annotator: string) =>
  `| ${
    [
      ...cells,
      ...coreTypes.map((type) => prf(scores.types[type])),
      prf(scores.overall),
      percent(scores.span.f1),
      percent(setAside.unmapped),
      percent(setAside.notCore),
      annotator
    ].join(" | ")
  } |`

/** One row per language and gold set, in language order. */
export const evaluationRows = (reports: ReadonlyArray<EvaluationReport>): Array<string> =>
  reports.flatMap((report) =>
    report.sets.map((set) =>
      row(
        [
          report.language,
          set.set,
          set.sentences === set.of ? `${set.sentences}` : `${set.sentences} of ${set.of}`,
          `${set.counts.goldMentions}`
        ],
        set.scores,
        { unmapped: set.unmapped.share, notCore: set.notCore.share },
        report.annotator
      )
    )
  )

/**
 * The UNER sets pooled (micro: counts summed per type, then P/R/F1), the figure the paper's languages are compared
 * on; one annotator only, since pooling two annotators' counts would describe neither.
 */
export const pooledUnerRow = (reports: ReadonlyArray<EvaluationReport>): Array<string> => {
  const uner = reports.flatMap((report) => report.sets.filter((set) => set.family === "uner").map((set) => ({ set, report })))
  const annotators = new Set(uner.map(({ report }) => report.annotator))
  if (uner.length === 0 || annotators.size !== 1) return []
  const sets = uner.map(({ set }) => set)
  const sum = (count: (set: (typeof sets)[number]) => number) => sets.reduce((total, set) => total + count(set), 0)
  const predicted = sum((set) => set.counts.predictedMentions)
  return [
    row(
      ["**pooled**", `**UNER (${sets.length} sets)**`, `${sum((set) => set.sentences)}`, `${sum((set) => set.counts.goldMentions)}`],
      poolScores(sets),
      {
        unmapped: predicted === 0 ? 0 : sum((set) => set.unmapped.mentions) / predicted,
        notCore: predicted === 0 ? 0 : sum((set) => set.notCore.mentions) / predicted
      },
      [...annotators][0]
    )
  ]
}

/** The section's body: how it was made, then the table. */
export const evaluationMarkdown = (reports: ReadonlyArray<EvaluationReport>, date: string): string =>
  [
    `Made on ${date} by \`${command}\`. P / R / F1 in percent (SeqScore's rounding), exact span and type; ` +
    "\"-\" where the set has no such type. Gold mentions count every gold type, evaluated or not. Span F1 ignores " +
    "the type. Unmapped and not core: the share of predicted mentions whose label the label map does not know, and " +
    "whose label it knows to name no core type (\"proper name\", \"language\").",
    "",
    "| language | gold set | sentences | gold mentions | PER P / R / F1 | LOC P / R / F1 | ORG P / R / F1 | " +
    "DATE P / R / F1 | typed P / R / F1 | span F1 | unmapped | not core | annotator |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...evaluationRows(reports),
    ...pooledUnerRow(reports)
  ].join("\n")

/** Every evaluate output of the workspace at `root`, in language order. */
export const readReports = (root: string): Array<EvaluationReport> => {
  const decode = Schema.decodeUnknownSync(Schema.fromJsonString(EvaluationReport))
  return readdirSync(join(root, "languages")).sort().flatMap((code) => {
    const file = join(root, "languages", code, "out/evaluate/scores.json")
    return existsSync(file) ? [decode(readFileSync(file, "utf8"))] : []
  })
}

if (import.meta.main) {
  const reports = readReports(installedRoot)
  if (reports.length === 0) throw new Error(`no evaluate output under languages/*/out/evaluate: run \`${command}\``)
  const path = `${installedRoot}/README.md`
  const date = new Date().toISOString().slice(0, 10)
  writeFileSync(path, withSection(readFileSync(path, "utf8"), evaluationSection, evaluationMarkdown(reports, date)))
}
