import { describe, expect, it } from "vitest"
import { scriptStatisticsCsv, statisticsCsv } from "./csv.ts"
import { languageStatistics } from "./language.ts"
import { scriptStatistics } from "./script.ts"
import { second, thai, tiny } from "./statistics.fixture.ts"

const languages = [second, tiny, thai].map(languageStatistics)

describe("statisticsCsv", () => {
  it("writes a header and one row per language in code order, quoting a name with a comma and quotes", () => {
    expect(statisticsCsv(languages).split("\n")).toEqual([
      "code,name,script,passages,sentences,spans,sentences_without_spans,spans_across_sentences,distinct_labels," +
      "spans_per_sentence,judged,mean_faithfulness,mean_completeness,rejected,llm_requests,prompt_tokens," +
      "completion_tokens,cache_hits,top_label",
      "tha_Thai,Thai,Thai,1,1,1,0,0,1,1,0,,,0,0,0,0,0,person",
      "tst_Latn,\"Testish, \"\"tiny\"\"\",Latn,3,5,12,2,1,6,2.4,3,4.667,3.333,5,7,830,220,4,city",
      "two_Latn,Two,Latn,2,2,3,0,0,2,1.5,1,3,3,0,4,170,70,,river",
      ""
    ])
  })

  it("writes the header alone for no languages", () => {
    expect(statisticsCsv([])).toBe(
      "code,name,script,passages,sentences,spans,sentences_without_spans,spans_across_sentences,distinct_labels," +
        "spans_per_sentence,judged,mean_faithfulness,mean_completeness,rejected,llm_requests,prompt_tokens," +
        "completion_tokens,cache_hits,top_label\n"
    )
  })
})

describe("scriptStatisticsCsv", () => {
  it("writes a header and one row per script, codes joined by spaces, nulls as empty cells", () => {
    expect(scriptStatisticsCsv(scriptStatistics(languages)).split("\n")).toEqual([
      "script,languages,codes,passages,sentences,spans,distinct_labels,spans_per_sentence,judged,mean_faithfulness," +
      "mean_completeness,rejected,llm_requests,prompt_tokens,completion_tokens,cache_hits,top_label",
      "Latn,2,tst_Latn two_Latn,5,7,15,7,2.143,4,4.25,3.25,5,11,1000,290,,city",
      "Thai,1,tha_Thai,1,1,1,1,1,0,,,0,0,0,0,0,person",
      ""
    ])
  })
})
