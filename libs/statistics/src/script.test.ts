import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { ScriptStatistics } from "#schema"
import { languageStatistics } from "./language.ts"
import { scriptStatistics } from "./script.ts"
import { second, thai, tiny } from "./statistics.fixture.ts"

describe("scriptStatistics", () => {
  const scripts = scriptStatistics([second, thai, tiny].map(languageStatistics))

  it("rolls two Latin-script languages into one row and the Thai one into another, scripts in code-unit order", () => {
    expect(scripts.map((script) => [script.script, script.languages, script.codes])).toEqual([
      ["Latn", 2, ["tst_Latn", "two_Latn"]],
      ["Thai", 1, ["tha_Thai"]]
    ])
  })

  it("sums counts, counts a label shared by two languages once, and divides spans by sentences over the script", () => {
    expect(scripts[0]).toMatchObject({
      passages: 5,
      sentences: 7,
      spans: 15,
      // Zoo, city, country, date, organization, person and river: city is in both languages
      distinctLabels: 7,
      // 15 / 7 = 2.142857...
      spansPerSentence: 2.143,
      rejected: 5
    })
    expect(scripts[0].topLabels).toEqual([
      { label: "city", spans: 4 },
      { label: "date", spans: 3 },
      { label: "person", spans: 3 },
      { label: "river", spans: 2 },
      { label: "Zoo", spans: 1 },
      { label: "country", spans: 1 },
      { label: "organization", spans: 1 }
    ])
  })

  it("weighs the judge's means by judged passages: (14 + 3) / 4 and (10 + 3) / 4, not the mean of the means", () => {
    expect(scripts[0]).toMatchObject({ judged: 4, meanFaithfulness: 4.25, meanCompleteness: 3.25 })
  })

  it("sums LLM usage, and cache hits only when every language's are known", () => {
    expect(scripts[0].llm).toEqual({ requests: 11, promptTokens: 1000, completionTokens: 290, cacheHits: null })
    expect(scripts[1].llm).toEqual({ requests: 0, promptTokens: 0, completionTokens: 0, cacheHits: 0 })
  })

  it("gives null judge means for a script with nothing judged", () => {
    expect(scripts[1]).toEqual({
      script: "Thai",
      languages: 1,
      codes: ["tha_Thai"],
      passages: 1,
      sentences: 1,
      spans: 1,
      distinctLabels: 1,
      topLabels: [{ label: "person", spans: 1 }],
      spansPerSentence: 1,
      judged: 0,
      meanFaithfulness: null,
      meanCompleteness: null,
      rejected: 0,
      llm: { requests: 0, promptTokens: 0, completionTokens: 0, cacheHits: 0 }
    })
  })

  it("gives no rows for no languages", () => {
    expect(scriptStatistics([])).toEqual([])
  })

  it("is valid under the ScriptStatistics schema, through JSON", () => {
    const json = JSON.parse(JSON.stringify(scripts))
    expect(Schema.decodeUnknownSync(Schema.Array(ScriptStatistics))(json)).toEqual(scripts)
  })
})
