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

  it("recognises a synthesize prompt by its examples block of JSON lines, the last block if it repeats", () => {
    const block = `<examples lang="ha" count="3">\n{"tokens": ["Ali", "ya", "tafi"], "tags": ["B-PER", "O", "O"]}\n\n` +
      `{"tokens": ["Kano"], "tags": ["B-LOC"], "id": 7}\n</examples>`
    const earlier = `<examples lang="en" count="2">\n{"tokens": ["x"], "tags": ["O"]}\n</examples>`
    expect(recognise(`Write more like these.\n${earlier}\n${block}\nOne a line.`)).toEqual(Result.succeed({
      task: "synthesize",
      lang: "ha",
      count: 3,
      examples: [{ tokens: ["Ali", "ya", "tafi"], tags: ["B-PER", "O", "O"] }, { tokens: ["Kano"], tags: ["B-LOC"] }]
    }))
  })

  it("says what is wrong with an examples block", () => {
    const failure = (count: string, lines: string) => {
      const result = recognise(`<examples lang="ha" count="${count}">\n${lines}\n</examples>`)
      return Result.isFailure(result) ? result.failure : "recognised"
    }
    const line = `{"tokens": ["Kano"], "tags": ["B-LOC"]}`
    expect(failure("0", line)).toBe(`the examples block's count "0" is not a whole number from 1 to 1000`)
    expect(failure("1001", line)).toBe(`the examples block's count "1001" is not a whole number from 1 to 1000`)
    expect(failure("2.5", line)).toBe(`the examples block's count "2.5" is not a whole number from 1 to 1000`)
    expect(failure("2", `${line}\n["Kano"]`)).toMatch(/^the examples block's line 2 is not a JSON object of tokens and tags/)
    expect(failure("2", `{"tokens": ["a", "b"], "tags": ["O"]}`)).toBe("the examples block's line 1 has 2 tokens but 1 tags")
    expect(failure("2", `{"tokens": ["a", "b"], "tags": ["O", "I-LOC"]}`)).toBe(
      "the examples block's line 1 is not valid BIO: tag 2 ('I-LOC') may not follow 'O'"
    )
    expect(failure("2", " ")).toBe("the examples block holds no example")
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
    const examples = [
      { tokens: ["Ali", "ya", "tafi"], tags: ["B-PER", "O", "O"] },
      { tokens: ["Musa", "Bello"], tags: ["B-PER", "I-PER"] }
    ]
    expect(answer({ task: "synthesize", lang: "ha", count: 2, examples })).toBe(
      `{"tokens":["Musa","Bello","ya","tafi"],"tags":["B-PER","I-PER","O","O"]}\n{"tokens":["Ali"],"tags":["B-PER"]}`
    )
  })
})
