import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { answer, recognise } from "./prompt.ts"
import { rateUsefulness } from "./rate.ts"

const standIn = " (offline teacher: a rule-based stand-in, not an LLM)"

describe("rateUsefulness", () => {
  it("gives 4 to a clean passage rich in entities of many types", () => {
    const text = "In March 2019 the president of Kenya, Uhuru Kenyatta, flew from Nairobi to Paris to meet Emmanuel " +
      "Macron. They spoke about trade with France, Germany and Uganda, and about the election due in August 2022 in " +
      "Kenya. Later that year Kenyatta visited London and Berlin as well."
    // 14 finds, 13 distinct (Kenya twice) of 5 types in 47 words: 14 * 100 >= 3 * 47.
    expect(rateUsefulness(text, "en")).toEqual({
      justification: "13 distinct entities of 5 types (city, country, date, person, proper name) in 47 words; " +
        "no noise found" + standIn,
      score: 4
    })
  })

  it("gives 3 to diverse entities that are not yet rich", () => {
    const text = "Angela Merkel met Joe Biden in Berlin in 2021 and they talked about the future of the relations " +
      "between their two countries for a long time."
    // 4 distinct of 3 types: diverse; fewer than 8 distinct: not rich.
    expect(rateUsefulness(text, "en").score).toBe(3)
  })

  it("gives 2 to clean text with two entities of one type", () => {
    const text = "The train from Paris reached London after a long and quiet journey through the countryside, and " +
      "the passengers stepped out into the evening rain."
    expect(rateUsefulness(text, "en")).toEqual({
      justification: "2 distinct entities of 1 type (city) in 24 words; no noise found" + standIn,
      score: 2
    })
  })

  it("gives 1 to prose without entities", () => {
    const text = "Everyone has the right to education. Education shall be free, at least in the elementary and " +
      "fundamental stages. Elementary education shall be compulsory and technical education made generally available."
    expect(rateUsefulness(text, "en")).toEqual({ justification: "no entities found in 29 words; no noise found" + standIn, score: 1 })
  })

  it("gives 1 to noisy text whatever entities it holds, and names the noise", () => {
    const links = "Visit www.example.com for cheap flights to Paris, London and Berlin in 2024, with deals from Kenya " +
      "and Uganda every week of the year for you."
    expect(rateUsefulness(links, "en")).toEqual({
      justification: "6 distinct entities of 3 types (city, country, year) in 25 words; noise: links" + standIn,
      score: 1
    })
    expect(rateUsefulness("Home\nAbout us\nContact\nShop\nNews from Paris and London", "en").justification)
      .toBe("2 distinct entities of 1 type (city) in 10 words; noise: short lines, a fragment" + standIn)
    const prices = "Paris 120 350 499 London 230 450 199 Berlin 99 120 140 Paris 300 310 320 and more offers from " +
      "London and Berlin this week for everyone who books early."
    expect(rateUsefulness(prices, "en").justification).toContain("noise: many digits")
  })
})

describe("the rate prompt", () => {
  it("is recognised by its chunk block and answered with the rule's JSON", () => {
    const message = "Rate this.\n<chunk lang=\"en\">\nAngela Merkel met Joe Biden in Berlin in 2021.\n</chunk>"
    const task = recognise(message)
    expect(Result.getOrThrow(task)).toEqual({ task: "rate", lang: "en", passage: "Angela Merkel met Joe Biden in Berlin in 2021." })
    expect(JSON.parse(answer(Result.getOrThrow(task)))).toEqual({
      justification: "4 distinct entities of 3 types (city, person, year) in 9 words; noise: a fragment" + standIn,
      score: 1
    })
  })
})
