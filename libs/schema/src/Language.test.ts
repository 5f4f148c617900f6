import { describe, expect, it } from "vitest"
import { Schema } from "effect"
import { Language } from "./Language.ts"

const valid = {
  code: "afr_Latn", iso639_3: "afr", script: "Latn", name: "Afrikaans", bcp47: "af", fineweb2: "afr_Latn",
  words: "space", passages: 2500, corpus: { udhr: "afr" }
}

describe("Language", () => {
  it("decodes a language.json", () => {
    expect(Schema.decodeUnknownSync(Language)(valid).code).toBe("afr_Latn")
  })
  it("rejects a code that is not iso3_Script", () => {
    expect(() => Schema.decodeUnknownSync(Language)({ ...valid, code: "af" })).toThrow(/ISO 639-3/)
  })
  it("rejects a script outside the 25", () => {
    expect(() => Schema.decodeUnknownSync(Language)({ ...valid, script: "Tibt" })).toThrow()
  })
})
