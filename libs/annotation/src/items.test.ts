import { describe, expect, it } from "vitest"
import { findListItems } from "./items.ts"

const sources = (answer: string) => findListItems(answer)?.items.map((item) => item.source)

describe("findListItems", () => {
  it("reads objects written one a line, without a list around them", () => {
    expect(sources(`Here:\n{"a": ["x"]}\n{"a": ["y"]}\nDone.`)).toEqual([`{"a": ["x"]}`, `{"a": ["y"]}`])
  })

  it("does not take an empty array inside a loose item for an empty answer", () => {
    expect(sources(`{"a": ["x"], "b": []}\n{"a": [], "b": []}\n{"a": ["y"]}`)).toEqual([
      `{"a": ["x"], "b": []}`,
      `{"a": [], "b": []}`,
      `{"a": ["y"]}`
    ])
  })

  it("still reads an empty list, alone, first or in one wrapping object, as the answer", () => {
    expect(findListItems(`[]\n("Note", "none")`)).toEqual({ items: [], cut: false })
    expect(findListItems("There is none: []")).toEqual({ items: [], cut: false })
    expect(findListItems(`{"entities": []}`)).toEqual({ items: [], cut: false })
  })

  it("says when an answer ends inside an item", () => {
    const found = findListItems(`{"a": ["x"]}\n{"a": ["y`)
    expect(found?.items.map((item) => item.source)).toEqual([`{"a": ["x"]}`])
    expect(found?.cut).toBe(true)
  })
})
