import { describe, expect, it } from "vitest"
import { englishFunctionWordShare, looksEnglish } from "./english.ts"
import { prose } from "./samples.fixture.ts"

const casualEnglish =
  "We tried the new bakery on Main Street last weekend and honestly it was better than I expected. Their sourdough " +
  "has a great crust, but the coffee could be stronger. If you go there early you will find fresh croissants."

describe("looksEnglish", () => {
  it("accepts English prose", () => {
    expect(looksEnglish(prose.eng_Latn)).toBe(true)
    expect(looksEnglish(casualEnglish)).toBe(true)
  })

  it("rejects French, German and Indonesian prose", () => {
    expect(looksEnglish(prose.fra_Latn)).toBe(false)
    expect(looksEnglish(prose.deu_Latn)).toBe(false)
    expect(looksEnglish(prose.ind_Latn)).toBe(false)
  })

  it("rejects non-Latin prose and empty text", () => {
    expect(looksEnglish(prose.rus_Cyrl)).toBe(false)
    expect(looksEnglish(prose.zho_Hani)).toBe(false)
    expect(looksEnglish("")).toBe(false)
  })

  it("rejects a French passage that quotes an English title", () => {
    expect(looksEnglish(`${prose.fra_Latn} Le film « The Lord of the Rings » y fut projeté en avant-première.`))
      .toBe(false)
  })

  it("counts function words case-insensitively", () => {
    expect(englishFunctionWordShare("The cat and THE dog")).toBeCloseTo(3 / 5, 6)
  })
})
