import { describe, expect, it } from "vitest"
import { translateLabels } from "./translate.ts"

describe("translateLabels", () => {
  it("translates the date-time labels ICU names and returns every other label unchanged", () => {
    expect(translateLabels(["year", "month", "person", "day of the week"], "fr")).toEqual({
      year: "année",
      month: "mois",
      person: "person",
      "day of the week": "jour de la semaine"
    })
  })

  it("works in other scripts", () => {
    expect(translateLabels(["year", "organization"], "zh-Hans")).toEqual({ year: "年", organization: "organization" })
    expect(translateLabels(["Year"], "af")).toEqual({ Year: "jaar" })
  })

  it("leaves every label unchanged for a language ICU does not know", () => {
    expect(translateLabels(["year"], "ilo")).toEqual({ year: "year" })
  })
})
