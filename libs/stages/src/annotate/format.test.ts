import { describe, expect, it } from "vitest"
import { formatMentionList } from "#annotation"
import { parseMentionList } from "./parse.ts"

describe("formatMentionList", () => {
  it("writes double-quoted tuples with backslash escapes", () => {
    expect(formatMentionList([{ mention: 'The "Lion" Bar', label: "bar" }, { mention: "C:\\Temp", label: "path" }]))
      .toBe(String.raw`[("The \"Lion\" Bar", "bar"), ("C:\\Temp", "path")]`)
    expect(formatMentionList([])).toBe("[]")
  })

  it("round-trips through parseMentionList", () => {
    const mentions = [
      { mention: "O'Brien", label: "person" },
      { mention: 'The "Lion" Bar', label: "bar" },
      { mention: "back\\slash", label: "band" },
      { mention: "line\nbreak\ttab", label: "artwork" },
      { mention: "😀 北京 กรุงเทพ", label: "place" },
      { mention: "(parenthesised), [bracketed]", label: "title" }
    ]
    expect(parseMentionList(formatMentionList(mentions), { finishReason: "stop" })).toEqual({ mentions, rejected: {} })
  })
})
