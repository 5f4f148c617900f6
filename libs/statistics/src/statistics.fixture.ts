import type { LlmUsage, RejectionCounts, Script } from "#schema"
import type { LanguageStatisticsInput } from "./language.ts"

/** A sentence record whose spans carry the given labels, one code point each. */
export const record = (...labels: Array<string>) => ({
  char_spans: labels.map((label, index) => ({ start: index, end: index + 1, label }))
})

const usage = (requests: number, promptTokens: number, completionTokens: number): LlmUsage => ({
  requests,
  promptTokens,
  completionTokens
})

interface Options {
  readonly code: string
  readonly name: string
  readonly script: Script
  readonly passages: ReadonlyArray<RejectionCounts>
  readonly records: LanguageStatisticsInput["records"]
  readonly scores: ReadonlyArray<readonly [faithfulness: number, completeness: number]>
  readonly llm: readonly [annotate: LlmUsage, judge: LlmUsage, translate: LlmUsage]
  readonly dropped?: LanguageStatisticsInput["dropped"]
  readonly judgeRejected?: RejectionCounts
  readonly cacheHits?: LanguageStatisticsInput["cacheHits"]
}

/** A language's statistics input from the few numbers a test cares about. */
export const input = (options: Options): LanguageStatisticsInput => ({
  language: { code: options.code, name: options.name, script: options.script },
  passages: options.passages.map((rejected) => ({ rejected })),
  records: options.records,
  dropped: options.dropped ?? { sentencesWithoutSpans: 0, spansAcrossSentences: 0 },
  judge: {
    summary: {
      judge: "teacher (offline teacher: a rule-based stand-in, not an LLM)",
      standIn: true,
      prompt: "0".repeat(64),
      scale: { minimum: 1, maximum: 5 },
      sampled: options.scores.length + 1,
      judged: options.scores.length,
      meanFaithfulness: null,
      meanCompleteness: null
    },
    judgements: options.scores.map(([faithfulness, completeness]) => ({ faithfulness, completeness })),
    rejected: options.judgeRejected ?? {}
  },
  llm: { annotate: options.llm[0], judge: options.llm[1], translate: options.llm[2] },
  ...(options.cacheHits === undefined ? {} : { cacheHits: options.cacheHits })
})

/**
 * A tiny Latin-script language: 3 passages, 5 sentence records, 12 spans over 6 labels (city, date and person 3
 * each; Zoo, country and organization 1 each), judged 3 times.
 */
export const tiny = input({
  code: "tst_Latn",
  name: "Testish, \"tiny\"",
  script: "Latn",
  passages: [{ empty: 1 }, { "mention-not-in-text": 2, empty: 1 }, {}],
  records: [
    record("person", "city", "person"),
    record("city"),
    record("organization", "date", "person", "city", "country", "Zoo"),
    record("date", "date"),
    record()
  ],
  scores: [[4, 2], [5, 3], [5, 5]],
  llm: [usage(3, 300, 120), usage(3, 450, 60), usage(1, 80, 40)],
  dropped: { sentencesWithoutSpans: 2, spansAcrossSentences: 1 },
  judgeRejected: { malformed: 1 },
  cacheHits: { annotate: 3, judge: 1, translate: 0 }
})

/** A second Latin-script language: 3 spans in 2 sentences, judged once, cache hits unknown. */
export const second = input({
  code: "two_Latn",
  name: "Two",
  script: "Latn",
  passages: [{}, {}],
  records: [record("city", "river"), record("river")],
  scores: [[3, 3]],
  llm: [usage(2, 100, 50), usage(1, 50, 10), usage(1, 20, 10)]
})

/** A Thai-script language: one sentence with one span, nothing judged, no LLM use. */
export const thai = input({
  code: "tha_Thai",
  name: "Thai",
  script: "Thai",
  passages: [{}],
  records: [record("person")],
  scores: [],
  llm: [usage(0, 0, 0), usage(0, 0, 0), usage(0, 0, 0)],
  cacheHits: { annotate: 0, judge: 0, translate: 0 }
})
