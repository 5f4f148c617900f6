import { describe, expect, it } from "vitest"
import { canonicalJson } from "#files"
import { normaliseRequest, requestKey } from "./requestKey.ts"

const base = { messages: [{ role: "user" as const, content: "Name the people." }], temperature: 0, maxTokens: 64 }

describe("requestKey", () => {
  it("is the sha256 of the canonical normalised request", () => {
    expect(requestKey("m", base)).toMatch(/^[0-9a-f]{64}$/)
    expect(canonicalJson(normaliseRequest("m", base))).toBe(
      `{"max_tokens":64,"messages":[{"content":"Name the people.","role":"user"}],"model":"m","seed":null,` +
        `"temperature":0,"top_p":null}`
    )
  })

  it("changes with every field that decides the answer", () => {
    const key = requestKey("m", base)
    expect(requestKey("other", base)).not.toBe(key)
    expect(requestKey("m", { ...base, temperature: 0.7 })).not.toBe(key)
    expect(requestKey("m", { ...base, maxTokens: 65 })).not.toBe(key)
    expect(requestKey("m", { ...base, topP: 0.9 })).not.toBe(key)
    expect(requestKey("m", { ...base, seed: 1 })).not.toBe(key)
    expect(requestKey("m", { ...base, messages: [{ role: "system", content: "Name the people." }] })).not.toBe(key)
  })

  it("ignores property order and extra message properties", () => {
    const reordered = { maxTokens: 64, temperature: 0, messages: [{ content: "Name the people.", role: "user" as const }] }
    expect(requestKey("m", reordered)).toBe(requestKey("m", base))
    const extra = { ...base, messages: [{ ...base.messages[0], name: "x" }] }
    expect(requestKey("m", extra)).toBe(requestKey("m", base))
  })
})
