import { describe, expect, it } from "vitest"
import { selectPassages } from "./select.ts"

const passage = (document: string, chunk: number, text = "Le Kenya et la France ont signé un accord à Nairobi.") =>
  ({ document, id: `${document}#${chunk}`, text })
const english = "The committee of the United Nations said that it would meet in New York in the spring of this year."

describe("selectPassages", () => {
  const french = { words: "space", locale: "fr" } as const
  const options = { threshold: 0.5, rejectEnglish: true, writing: french, target: 10 }

  it("keeps the first chunk of a document above the threshold and skips its later chunks", () => {
    const passages = [passage("a", 0), passage("a", 1), passage("a", 2), passage("b", 0)]
    const selection = selectPassages(passages, [0.2, 0.9, 0.95, 0.7], options)
    expect(selection.kept.map((k) => k.passage.id)).toEqual(["a#1", "b#0"])
    expect(selection.belowThreshold).toBe(1)
    expect(selection.laterChunks).toBe(1)
  })

  it("treats a score equal to the threshold as below it", () => {
    expect(selectPassages([passage("a", 0)], [0.5], options).kept).toEqual([])
  })

  it("rejects chunks that are really English unless asked not to", () => {
    const passages = [passage("a", 0, english), passage("b", 0)]
    expect(selectPassages(passages, [0.9, 0.9], options).english).toBe(1)
    expect(selectPassages(passages, [0.9, 0.9], { ...options, rejectEnglish: false }).kept).toHaveLength(2)
  })

  it("stops at the target", () => {
    const passages = ["a", "b", "c", "d"].map((d) => passage(d, 0))
    const selection = selectPassages(passages, [0.9, 0.9, 0.9, 0.9], { ...options, target: 2 })
    expect(selection.kept.map((k) => k.passage.document)).toEqual(["a", "b"])
  })
})
