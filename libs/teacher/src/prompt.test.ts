import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { answer, recognise } from "./prompt.ts"

const annotatePrompt = (lang: string, text: string) =>
  `Find the entities.\n<passage lang="${lang}">\n${text}\n</passage>\nAnswer with a list of tuples.`

describe("recognise", () => {
  it("recognises an annotate prompt whatever the instructions say", () => {
    expect(recognise(annotatePrompt("fr", "Le Kenya"))).toEqual(
      Result.succeed({ task: "annotate", lang: "fr", passage: "Le Kenya" })
    )
    expect(recognise(`Translate this!\n<passage lang="zh-hans">\n中国\n</passage>`)).toEqual(
      Result.succeed({ task: "annotate", lang: "zh-Hans", passage: "中国" })
    )
  })

  it("reads the last passage block when the instructions hold an example", () => {
    const prompt = `${annotatePrompt("en", "Example Kenya")}\n${annotatePrompt("fr", "La France")}`
    expect(recognise(prompt)).toEqual(Result.succeed({ task: "annotate", lang: "fr", passage: "La France" }))
  })

  it("recognises a judge prompt by its annotations block", () => {
    const prompt = `${annotatePrompt("fr", "Le Kenya")}\n<annotations>\n[("Kenya", "country")]\n</annotations>`
    expect(recognise(prompt)).toEqual(Result.succeed({
      task: "judge",
      lang: "fr",
      passage: "Le Kenya",
      annotations: [{ mention: "Kenya", label: "country" }]
    }))
  })

  it("recognises a translate prompt by its labels block", () => {
    expect(recognise(`<labels lang="fr">\n["year", "person"]\n</labels>`)).toEqual(
      Result.succeed({ task: "translate", lang: "fr", labels: ["year", "person"] })
    )
  })

  it("says why it cannot answer", () => {
    const unknown = recognise("What is the capital of Kenya?")
    expect(Result.isFailure(unknown) && unknown.failure).toMatch(/only answers the finerweb annotate/)
    const badLang = recognise(annotatePrompt("not a tag!", "x"))
    expect(Result.isFailure(badLang) && badLang.failure).toBe('the passage block\'s lang "not a tag!" is not a BCP 47 language tag')
    const badLabels = recognise(`<labels lang="fr">\n[1, 2]\n</labels>`)
    expect(Result.isFailure(badLabels) && badLabels.failure).toMatch(/^the <labels> block is not a JSON array of strings/)
    const badAnnotations = recognise(`${annotatePrompt("fr", "x")}\n<annotations>\nKenya\n</annotations>`)
    expect(Result.isFailure(badAnnotations) && badAnnotations.failure).toMatch(/^the <annotations> block is not a list/)
  })
})

describe("answer", () => {
  it("answers each task in its format", () => {
    expect(answer({ task: "annotate", lang: "fr", passage: "Le Kenya et la France" })).toBe(
      '[("Kenya", "country"), ("France", "country")]'
    )
    expect(answer({ task: "annotate", lang: "fr", passage: "rien" })).toBe("[]")
    expect(JSON.parse(answer({ task: "judge", lang: "fr", passage: "Le Kenya", annotations: [] }))).toEqual({
      faithfulness: 5,
      completeness: 1,
      missing: [{ mention: "Kenya", label: "country" }],
      extra: [],
      wrong: []
    })
    expect(answer({ task: "translate", lang: "fr", labels: ["year", "person"] })).toBe('{"year":"année","person":"person"}')
  })
})
