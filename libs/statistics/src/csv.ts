import * as aq from "arquero"
import type { LanguageStatistics, ScriptStatistics } from "#schema"
import { rejectedOf } from "./internal/tables.ts"

type Cell = string | number | null

/** A CSV of the given columns in the given order, written by arquero (quoting, null as an empty cell). */
const csvOf = <Row>(rows: ReadonlyArray<Row>, columns: ReadonlyArray<readonly [string, (row: Row) => Cell]>): string =>
  aq.table(Object.fromEntries(columns.map(([name, cell]) => [name, rows.map(cell)]))).toCSV()

const languageColumns: ReadonlyArray<readonly [string, (language: LanguageStatistics) => Cell]> = [
  ["code", (language) => language.code],
  ["name", (language) => language.name],
  ["script", (language) => language.script],
  ["passages", (language) => language.passages],
  ["sentences", (language) => language.sentences],
  ["spans", (language) => language.spans],
  ["sentences_without_spans", (language) => language.dropped.sentencesWithoutSpans],
  ["spans_across_sentences", (language) => language.dropped.spansAcrossSentences],
  ["distinct_labels", (language) => language.distinctLabels],
  ["spans_per_sentence", (language) => language.spansPerSentence.mean],
  ["judged", (language) => language.judge.judged],
  ["mean_faithfulness", (language) => language.judge.faithfulness.mean],
  ["mean_completeness", (language) => language.judge.completeness.mean],
  ["rejected", rejectedOf],
  ["llm_requests", (language) => language.llm.total.requests],
  ["prompt_tokens", (language) => language.llm.total.promptTokens],
  ["completion_tokens", (language) => language.llm.total.completionTokens],
  ["cache_hits", (language) => language.llm.total.cacheHits],
  ["top_label", (language) => language.topLabels[0]?.label ?? null]
]

/**
 * One CSV row per language, languages in code-unit order of their code: the scalar statistics (rejections of annotate
 * and judge summed, LLM usage of the three stages summed, the label with most spans). Empty cells are nulls.
 */
export const statisticsCsv = (languages: ReadonlyArray<LanguageStatistics>): string =>
  csvOf([...languages].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)), languageColumns)

const scriptColumns: ReadonlyArray<readonly [string, (script: ScriptStatistics) => Cell]> = [
  ["script", (script) => script.script],
  ["languages", (script) => script.languages],
  ["codes", (script) => script.codes.join(" ")],
  ["passages", (script) => script.passages],
  ["sentences", (script) => script.sentences],
  ["spans", (script) => script.spans],
  ["distinct_labels", (script) => script.distinctLabels],
  ["spans_per_sentence", (script) => script.spansPerSentence],
  ["judged", (script) => script.judged],
  ["mean_faithfulness", (script) => script.meanFaithfulness],
  ["mean_completeness", (script) => script.meanCompleteness],
  ["rejected", (script) => script.rejected],
  ["llm_requests", (script) => script.llm.requests],
  ["prompt_tokens", (script) => script.llm.promptTokens],
  ["completion_tokens", (script) => script.llm.completionTokens],
  ["cache_hits", (script) => script.llm.cacheHits],
  ["top_label", (script) => script.topLabels[0]?.label ?? null]
]

/** One CSV row per script, in the order given (`scriptStatistics` gives code-unit order); codes joined by spaces. */
export const scriptStatisticsCsv = (scripts: ReadonlyArray<ScriptStatistics>): string => csvOf(scripts, scriptColumns)
