import { describe, expect, it } from "vitest"
import { englishFunctionWordShare, looksEnglish } from "./english.ts"
import { prose, proseWritings } from "./samples.fixture.ts"

const english = { words: "space", locale: "en" } as const

const casualEnglish =
  "We tried the new bakery on Main Street last weekend and honestly it was better than I expected. Their sourdough " +
  "has a great crust, but the coffee could be stronger. If you go there early you will find fresh croissants."

describe("looksEnglish", () => {
  it("accepts English prose", () => {
    expect(looksEnglish(prose.eng_Latn, proseWritings.eng_Latn)).toBe(true)
    expect(looksEnglish(casualEnglish, english)).toBe(true)
  })

  it("rejects French, German and Indonesian prose", () => {
    expect(looksEnglish(prose.fra_Latn, proseWritings.fra_Latn)).toBe(false)
    expect(looksEnglish(prose.deu_Latn, proseWritings.deu_Latn)).toBe(false)
    expect(looksEnglish(prose.ind_Latn, proseWritings.ind_Latn)).toBe(false)
  })

  it("rejects non-Latin prose and empty text", () => {
    expect(looksEnglish(prose.rus_Cyrl, proseWritings.rus_Cyrl)).toBe(false)
    expect(looksEnglish(prose.zho_Hani, proseWritings.zho_Hani)).toBe(false)
    expect(looksEnglish("", english)).toBe(false)
  })

  it("rejects a French passage that quotes an English title", () => {
    const quoting = `${prose.fra_Latn} Le film « The Lord of the Rings » y fut projeté en avant-première.`
    expect(looksEnglish(quoting, proseWritings.fra_Latn)).toBe(false)
  })

  it("counts function words case-insensitively, without the punctuation around them", () => {
    expect(englishFunctionWordShare("The cat and THE dog", english)).toBeCloseTo(3 / 5, 6)
    // Five words: "The, "cat", "(and)", "the" and "dog."; three are function words.
    expect(englishFunctionWordShare("\"The cat\" (and) the dog.", english)).toBeCloseTo(3 / 5, 6)
  })

  it("finds English in the sample of a language cut by the segmenter", () => {
    expect(looksEnglish(casualEnglish, proseWritings.tha_Thai)).toBe(true)
  })
})
