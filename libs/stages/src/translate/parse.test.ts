import { describe, expect, it } from "vitest"
import { parseLabelTranslations } from "./parse.ts"

describe("parseLabelTranslations", () => {
  it("reads a fenced object among chatter", () => {
    const answer = "Voici les traductions :\n```json\n{\"city\": \"ville\", \"political party\": \"parti politique\"}\n```"
    expect(parseLabelTranslations(answer, ["city", "political party"])).toEqual({
      answered: true,
      translations: { city: "ville", "political party": "parti politique" },
      untranslated: []
    })
  })

  it("counts labels left out, mapped to themselves or to empty strings as untranslated", () => {
    const answer = `{"city": "Stadt", "person": "Person", "river": " ", "Country": "Land", "band": 3}`
    expect(parseLabelTranslations(answer, ["city", "person", "river", "country", "band", "planet"])).toEqual({
      answered: true,
      translations: { city: "Stadt", person: "person", river: "river", country: "Land", band: "band", planet: "planet" },
      untranslated: ["person", "river", "band", "planet"]
    })
  })

  it("keeps the entries before the cut of a truncated answer", () => {
    expect(parseLabelTranslations(`{"city": "mji", "country": "nchi", "river": "mt`, ["city", "country", "river"]))
      .toEqual({ answered: true, translations: { city: "mji", country: "nchi", river: "river" }, untranslated: ["river"] })
  })

  it("leaves every label untranslated when the answer holds no object", () => {
    expect(parseLabelTranslations("I cannot translate these.", ["city"])).toEqual({
      answered: false,
      translations: { city: "city" },
      untranslated: ["city"]
    })
  })
})
