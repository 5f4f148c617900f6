import { describe, expect, it } from "vitest"
import { continuesPrompt, sharesStretch } from "./continuation.ts"

describe("sharesStretch", () => {
  it("finds a common stretch of at least the given length wherever it starts", () => {
    const common = "0123456789abcdefghij"
    for (let shift = 0; shift < 12; shift += 1) {
      const a = `${"x".repeat(shift)}${common}${"y".repeat(5)}`
      expect(sharesStretch(a, `zz${common}zz`, 20)).toBe(true)
      expect(sharesStretch(a, `zz${common.slice(0, 19)}zz`, 20)).toBe(false)
    }
  })
})

describe("continuesPrompt", () => {
  it("flags a new user turn or chat-template tokens, not a role word inside a mention", () => {
    expect(continuesPrompt(`[("User: The Movie", "film")]`)).toBe(false)
    expect(continuesPrompt(`<|im_start|>user\nList the entities`)).toBe(true)
    expect(continuesPrompt(`Human: and now?`)).toBe(true)
  })
})
