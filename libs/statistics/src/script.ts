import * as aq from "arquero"
import type { LanguageStatistics, ScriptStatistics } from "#schema"
import { type LabelCount, rejectedOf, round3, rowsOf } from "./internal/tables.ts"

/** A score's count of judged passages and the sum of its values, from its distribution: what weighted means need. */
const scoreSums = (distribution: LanguageStatistics["judge"]["faithfulness"]["distribution"]) => {
  const entries = Object.entries(distribution)
  return {
    judged: entries.reduce((sum, [, count]) => sum + count, 0),
    sum: entries.reduce((sum, [value, count]) => sum + Number(value) * count, 0)
  }
}

/** One row per language with the columns the rollup sums. */
const languageRow = (language: LanguageStatistics) => {
  const faithfulness = scoreSums(language.judge.faithfulness.distribution)
  const completeness = scoreSums(language.judge.completeness.distribution)
  return {
    script: language.script,
    code: language.code,
    passages: language.passages,
    sentences: language.sentences,
    spans: language.spans,
    judged: faithfulness.judged,
    faithfulness: faithfulness.sum,
    completeness: completeness.sum,
    rejected: rejectedOf(language),
    ...language.llm.total
  }
}

interface ScriptSums {
  readonly script: ScriptStatistics["script"]
  readonly languages: number
  readonly codes: Array<string>
  readonly passages: number
  readonly sentences: number
  readonly spans: number
  readonly judged: number
  readonly faithfulness: number
  readonly completeness: number
  readonly rejected: number
  readonly requests: number
  readonly promptTokens: number
  readonly completionTokens: number
  readonly cacheHits: number
  readonly cacheHitsKnown: number
}

/**
 * The languages rolled up per script, scripts in code-unit order: sums of passages, sentences, spans, rejections and
 * LLM usage; labels counted once across the script's languages; spans per sentence and the judge's means over all
 * the script's sentences and judged passages (so each language weighs by its size), rounded to three decimal places.
 * Cache hits are summed only when every language's are known. No languages, no scripts.
 */
export const scriptStatistics = (languages: ReadonlyArray<LanguageStatistics>): Array<ScriptStatistics> => {
  if (languages.length === 0) return []
  const sums = rowsOf<ScriptSums>(
    aq
      .from(languages.map(languageRow))
      .groupby("script")
      .rollup({
        languages: aq.op.count(),
        codes: aq.op.array_agg("code"),
        passages: aq.op.sum("passages"),
        sentences: aq.op.sum("sentences"),
        spans: aq.op.sum("spans"),
        judged: aq.op.sum("judged"),
        faithfulness: aq.op.sum("faithfulness"),
        completeness: aq.op.sum("completeness"),
        rejected: aq.op.sum("rejected"),
        requests: aq.op.sum("requests"),
        promptTokens: aq.op.sum("promptTokens"),
        completionTokens: aq.op.sum("completionTokens"),
        cacheHits: aq.op.sum("cacheHits"),
        cacheHitsKnown: aq.op.valid("cacheHits")
      })
      .orderby("script")
  )
  const labels = aq
    .from(
      languages.flatMap((language) =>
        Object.entries(language.labels).map(([label, spans]) => ({ script: language.script, label, spans }))
      ),
      ["script", "label", "spans"]
    )
    .groupby("script", "label")
    .rollup({ spans: aq.op.sum("spans") })
  const distinct = new Map(
    rowsOf<{ script: string; labels: number }>(labels.groupby("script").count({ as: "labels" })).map((row) => [
      row.script,
      row.labels
    ])
  )
  const top = rowsOf<LabelCount & { script: string }>(
    labels
      .groupby("script")
      .orderby(aq.desc("spans"), "label")
      .derive({ rank: () => aq.op.row_number() })
      .filter((d: { rank: number }) => d.rank <= 20)
      .ungroup()
      .orderby("script", aq.desc("spans"), "label")
  )
  return sums.map((row) => ({
    script: row.script,
    languages: row.languages,
    codes: [...row.codes].sort(),
    passages: row.passages,
    sentences: row.sentences,
    spans: row.spans,
    distinctLabels: distinct.get(row.script) ?? 0,
    topLabels: top.filter((label) => label.script === row.script).map(({ label, spans }) => ({ label, spans })),
    spansPerSentence: row.sentences === 0 ? null : round3(row.spans / row.sentences),
    judged: row.judged,
    meanFaithfulness: row.judged === 0 ? null : round3(row.faithfulness / row.judged),
    meanCompleteness: row.judged === 0 ? null : round3(row.completeness / row.judged),
    rejected: row.rejected,
    llm: {
      requests: row.requests,
      promptTokens: row.promptTokens,
      completionTokens: row.completionTokens,
      cacheHits: row.cacheHitsKnown === row.languages ? row.cacheHits : null
    }
  }))
}
