import { describe, expect, it } from "vitest"
import { formsOf, inflectionOf } from "./inflection.ts"

describe("formsOf", () => {
  it("gives the Croatian nominatives a case ending may stand for", () => {
    const forms = formsOf("Hrvatskoj", inflectionOf("hr"))
    expect(forms[0]).toBe("Hrvatskoj")
    expect(forms).toContain("Hrvatska")
    expect(formsOf("Zagrebu", inflectionOf("hr"))).toContain("Zagreb")
    expect(formsOf("NATO-a", inflectionOf("hr"))).toContain("NATO")
  })

  it("gives Slovak and Swedish dictionary forms", () => {
    expect(formsOf("Bratislave", inflectionOf("sk"))).toContain("Bratislava")
    expect(formsOf("FN:s", inflectionOf("sv"))).toContain("FN")
    expect(formsOf("Kenyas", inflectionOf("sv"))).toContain("Kenya")
  })

  it("strips an isiXhosa noun-class prefix", () => {
    expect(formsOf("ngoLwesihlanu", inflectionOf("xh"))).toEqual(["ngoLwesihlanu", "Lwesihlanu"])
  })

  it("leaves a stem of at least 3 letters, and words of languages without rules alone", () => {
    expect(formsOf("Ivi", inflectionOf("hr"))).toEqual(["Ivi"])
    expect(formsOf("Kenyas", inflectionOf("en"))).toEqual(["Kenyas"])
  })
})
