import * as aq from "arquero"
import {
  type AnnotatedPassage,
  type ExportRecord,
  type Judgement,
  type JudgeSummary,
  type LanguageStatistics,
  type LlmUsage,
  type RejectionCounts,
  rejectionReasons,
  type Script
} from "#schema"
import { countsOf, type LabelCount, round3, rowsOf, topLabels } from "./internal/tables.ts"

/** The stages whose LLM usage the statistics report. */
const llmStages = ["annotate", "judge", "translate"] as const
type LlmStage = (typeof llmStages)[number]

/** Everything one language's statistics are computed from: its export and the outputs of the stages before it. */
export interface LanguageStatisticsInput {
  readonly language: { readonly code: string; readonly name: string; readonly script: Script }
  /** annotate's passages: only their rejections are read. */
  readonly passages: ReadonlyArray<Pick<AnnotatedPassage, "rejected">>
  /** The exported sentence records (English labels), after sentences without spans were dropped. */
  readonly records: ReadonlyArray<Pick<ExportRecord, "char_spans">>
  readonly dropped: { readonly sentencesWithoutSpans: number; readonly spansAcrossSentences: number }
  readonly judge: {
    readonly summary: JudgeSummary
    readonly judgements: ReadonlyArray<Pick<Judgement, "faithfulness" | "completeness">>
    /** The judge manifest's rejections. */
    readonly rejected: RejectionCounts
  }
  /** The manifests' usage of each LLM stage. */
  readonly llm: Readonly<Record<LlmStage, LlmUsage>>
  /** Response cache hits per stage, from the lock fragments' `run`; they vary between runs, so they are optional. */
  readonly cacheHits?: Partial<Readonly<Record<LlmStage, number>>>
}

const spanBuckets = ["0", "1", "2", "3", "4", "5+"] as const
const scoreValues = ["1", "2", "3", "4", "5"] as const

/** One row per span, with its label. */
const spanTable = (records: LanguageStatisticsInput["records"]): aq.ColumnTable =>
  aq.table({ label: records.flatMap((record) => record.char_spans.map((span) => span.label)) })

const spansPerSentence = (records: LanguageStatisticsInput["records"]): LanguageStatistics["spansPerSentence"] => {
  const sentences = aq
    .table({ spans: records.map((record) => record.char_spans.length) })
    .derive({ bucket: (d) => (d.spans >= 5 ? "5+" : d.spans + "") })
  const [{ mean }] = rowsOf<{ mean: number | undefined }>(sentences.rollup({ mean: aq.op.mean("spans") }))
  return { mean: round3(mean), distribution: countsOf(sentences, "bucket", spanBuckets) }
}

/** Each score's mean and distribution over the judgements. */
const judgeScores = (judgements: LanguageStatisticsInput["judge"]["judgements"]) => {
  const scores = aq.table({
    faithfulness: judgements.map((judgement) => judgement.faithfulness),
    completeness: judgements.map((judgement) => judgement.completeness)
  })
  const [means] = rowsOf<{ faithfulness: number | undefined; completeness: number | undefined }>(
    scores.rollup({ faithfulness: aq.op.mean("faithfulness"), completeness: aq.op.mean("completeness") })
  )
  const of = (score: "faithfulness" | "completeness") => ({
    mean: round3(means[score]),
    distribution: countsOf(scores, score, scoreValues)
  })
  return { faithfulness: of("faithfulness"), completeness: of("completeness") }
}

/** Rejections summed by reason over any number of counts, every reason present. */
const rejectionTotals = (counts: ReadonlyArray<RejectionCounts>): LanguageStatistics["rejected"]["annotate"] => {
  const rows = counts.flatMap((count) =>
    Object.entries(count).flatMap(([reason, n]) => (n === undefined ? [] : [{ reason, n }]))
  )
  const summed = rowsOf<{ reason: string; n: number }>(
    aq.from(rows, ["reason", "n"]).groupby("reason").rollup({ n: aq.op.sum("n") })
  )
  const byReason = new Map(summed.map((row) => [row.reason, row.n]))
  return Object.fromEntries(rejectionReasons.map((reason) => [reason, byReason.get(reason) ?? 0])) as LanguageStatistics[
    "rejected"
  ]["annotate"]
}

/** Each LLM stage's usage and cache hits, and their sum; the summed cache hits only when every stage's are known. */
const llmStatistics = (input: LanguageStatisticsInput): LanguageStatistics["llm"] => {
  const stages = llmStages.map((stage) => ({ stage, ...input.llm[stage], cacheHits: input.cacheHits?.[stage] ?? null }))
  const [total] = rowsOf<LlmUsage & { cacheHits: number; known: number }>(
    aq.from(stages).rollup({
      requests: aq.op.sum("requests"),
      promptTokens: aq.op.sum("promptTokens"),
      completionTokens: aq.op.sum("completionTokens"),
      cacheHits: aq.op.sum("cacheHits"),
      known: aq.op.valid("cacheHits")
    })
  )
  const usage = ({ requests, promptTokens, completionTokens }: LlmUsage) => ({ requests, promptTokens, completionTokens })
  const [annotate, judge, translate] = stages.map((stage) => ({ ...usage(stage), cacheHits: stage.cacheHits }))
  return {
    annotate,
    judge,
    translate,
    total: { ...usage(total), cacheHits: total.known === stages.length ? total.cacheHits : null }
  }
}

/**
 * One language's dataset in numbers: passages, sentences, spans and labels, spans per sentence, the judge's scores,
 * rejections by reason and LLM usage. Pure and deterministic: keys and rows in a fixed order. Means are rounded to
 * three decimal places (halves up), null where there is nothing to average.
 */
export const languageStatistics = (input: LanguageStatisticsInput): LanguageStatistics => {
  const { language, records, judge } = input
  const spans = spanTable(records)
  const perLabel = spans.groupby("label").count({ as: "spans" })
  const labels = rowsOf<LabelCount>(perLabel.orderby("label"))
  return {
    code: language.code,
    name: language.name,
    script: language.script,
    passages: input.passages.length,
    sentences: records.length,
    spans: spans.numRows(),
    dropped: { ...input.dropped },
    distinctLabels: labels.length,
    topLabels: topLabels(perLabel, 20),
    labels: Object.fromEntries(labels.map((row) => [row.label, row.spans])),
    spansPerSentence: spansPerSentence(records),
    judge: {
      judge: judge.summary.judge,
      standIn: judge.summary.standIn,
      sampled: judge.summary.sampled,
      judged: judge.summary.judged,
      ...judgeScores(judge.judgements)
    },
    rejected: {
      annotate: rejectionTotals(input.passages.map((passage) => passage.rejected)),
      judge: rejectionTotals([judge.rejected])
    },
    llm: llmStatistics(input),
    offsets: "Unicode code points, end exclusive"
  }
}
