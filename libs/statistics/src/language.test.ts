import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { LanguageStatistics, rejectionReasons } from "#schema"
import { languageStatistics } from "./language.ts"
import { input, record, tiny } from "./statistics.fixture.ts"

/** Options for variations of a small language. */
const tinyOptions = {
  code: "tst_Latn",
  name: "Test",
  script: "Latn",
  passages: [{}],
  records: [record("person")],
  scores: [[4, 4]],
  llm: [
    { requests: 0, promptTokens: 0, completionTokens: 0 },
    { requests: 0, promptTokens: 0, completionTokens: 0 },
    { requests: 0, promptTokens: 0, completionTokens: 0 }
  ]
} as const

describe("languageStatistics", () => {
  const statistics = languageStatistics(tiny)

  it("counts passages, sentence records, spans and distinct labels, and passes the dropped counts on", () => {
    expect(statistics).toMatchObject({
      code: "tst_Latn",
      name: "Testish, \"tiny\"",
      script: "Latn",
      passages: 3,
      sentences: 5,
      spans: 12,
      dropped: { sentencesWithoutSpans: 2, spansAcrossSentences: 1 },
      distinctLabels: 6,
      offsets: "Unicode code points, end exclusive"
    })
  })

  it("ranks labels by spans, ties in code-unit order (upper case before lower case), and keeps every label's count", () => {
    expect(statistics.topLabels).toEqual([
      { label: "city", spans: 3 },
      { label: "date", spans: 3 },
      { label: "person", spans: 3 },
      { label: "Zoo", spans: 1 },
      { label: "country", spans: 1 },
      { label: "organization", spans: 1 }
    ])
    expect(Object.entries(statistics.labels)).toEqual([
      ["Zoo", 1],
      ["city", 3],
      ["country", 1],
      ["date", 3],
      ["organization", 1],
      ["person", 3]
    ])
  })

  it("keeps the top 20 labels only, while counting all of them", () => {
    const labels = Array.from({ length: 25 }, (_, index) => `label${String(index).padStart(2, "0")}`)
    const many = languageStatistics(input({ ...tinyOptions, records: [record(...labels), record("label24")] }))
    expect(many.distinctLabels).toBe(25)
    expect(many.topLabels.map((label) => label.label)).toEqual(["label24", ...labels.slice(0, 19)])
    expect(many.topLabels[0]).toEqual({ label: "label24", spans: 2 })
  })

  it("gives spans per sentence as a mean (12 / 5) and a distribution with 5 or more in one bucket", () => {
    expect(statistics.spansPerSentence).toEqual({
      mean: 2.4,
      distribution: { "0": 1, "1": 1, "2": 1, "3": 1, "4": 0, "5+": 1 }
    })
  })

  it("gives the judge's means rounded to three places (14 / 3 = 4.667, 10 / 3 = 3.333) and distributions over 1..5", () => {
    expect(statistics.judge).toEqual({
      judge: "teacher (offline teacher: a rule-based stand-in, not an LLM)",
      standIn: true,
      sampled: 4,
      judged: 3,
      faithfulness: { mean: 4.667, distribution: { "1": 0, "2": 0, "3": 0, "4": 1, "5": 2 } },
      completeness: { mean: 3.333, distribution: { "1": 0, "2": 1, "3": 1, "4": 0, "5": 1 } }
    })
  })

  it("merges the passages' rejections by reason, every reason present in the declared order", () => {
    expect(statistics.rejected.annotate).toEqual({
      empty: 2,
      "prompt-continuation": 0,
      truncated: 0,
      repetition: 0,
      malformed: 0,
      "mention-not-in-text": 2,
      "mention-inside-word": 0,
      "score-missing": 0,
      "score-not-a-number": 0,
      "score-fractional": 0,
      "score-out-of-range": 0,
      "score-quoted": 0,
      unanswered: 0
    })
    expect(Object.keys(statistics.rejected.annotate)).toEqual(rejectionReasons)
    expect(statistics.rejected.judge).toMatchObject({ empty: 0, malformed: 1 })
  })

  it("reports each LLM stage's requests, tokens and cache hits, and their sum", () => {
    expect(statistics.llm).toEqual({
      annotate: { requests: 3, promptTokens: 300, completionTokens: 120, cacheHits: 3 },
      judge: { requests: 3, promptTokens: 450, completionTokens: 60, cacheHits: 1 },
      translate: { requests: 1, promptTokens: 80, completionTokens: 40, cacheHits: 0 },
      total: { requests: 7, promptTokens: 830, completionTokens: 220, cacheHits: 4 }
    })
  })

  it("sums cache hits only when every stage's are known", () => {
    const partial = languageStatistics({ ...tiny, cacheHits: { annotate: 3 } })
    expect(partial.llm.annotate.cacheHits).toBe(3)
    expect(partial.llm.judge.cacheHits).toBeNull()
    expect(partial.llm.total).toEqual({ requests: 7, promptTokens: 830, completionTokens: 220, cacheHits: null })
  })

  it("gives null means and zero counts for a language with no records and no judgements", () => {
    const empty = languageStatistics(input({ ...tinyOptions, passages: [], records: [], scores: [] }))
    expect(empty).toMatchObject({ passages: 0, sentences: 0, spans: 0, distinctLabels: 0, topLabels: [], labels: {} })
    expect(empty.spansPerSentence).toEqual({ mean: null, distribution: { "0": 0, "1": 0, "2": 0, "3": 0, "4": 0, "5+": 0 } })
    expect(empty.judge.faithfulness).toEqual({ mean: null, distribution: { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0 } })
  })

  it("is valid under the LanguageStatistics schema, through JSON", () => {
    const json = JSON.parse(JSON.stringify(statistics))
    expect(Schema.decodeUnknownSync(LanguageStatistics)(json)).toEqual(statistics)
  })
})
