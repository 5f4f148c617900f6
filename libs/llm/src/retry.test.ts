import { describe, expect, it } from "vitest"
import { isRetryable, LlmBadAnswer, LlmCircuitOpen, LlmHttpError, LlmUnreachable } from "./errors.ts"
import { retryAfterMillis } from "./retry.ts"

const http = (status: number) =>
  new LlmHttpError({ baseUrl: "u", status, serverMessage: "", retryAfterMillis: null, retries: 0 })

describe("retryAfterMillis", () => {
  it("reads retry-after-ms first, then retry-after in seconds", () => {
    expect(retryAfterMillis(new Headers({ "retry-after-ms": "250", "retry-after": "9" }))).toBe(250)
    expect(retryAfterMillis(new Headers({ "retry-after": "2" }))).toBe(2000)
    expect(retryAfterMillis(new Headers({ "retry-after": "0.5" }))).toBe(500)
  })

  it("reads an HTTP date relative to now", () => {
    const now = Date.parse("2025-01-01T00:00:00Z")
    expect(retryAfterMillis(new Headers({ "retry-after": "Wed, 01 Jan 2025 00:00:03 GMT" }), now)).toBe(3000)
  })

  it("is undefined when absent or unreadable", () => {
    expect(retryAfterMillis(undefined)).toBeUndefined()
    expect(retryAfterMillis(new Headers())).toBeUndefined()
    expect(retryAfterMillis(new Headers({ "retry-after": "soon" }))).toBeUndefined()
  })
})

describe("isRetryable", () => {
  it("retries unreachable servers, 2xx without a completion, 408, 409, 429 and 5xx only", () => {
    expect(isRetryable(new LlmUnreachable({ baseUrl: "u", reason: "connection refused", retries: 0 }))).toBe(true)
    for (const status of [408, 409, 429, 500, 502, 503]) expect(isRetryable(http(status))).toBe(true)
    for (const status of [400, 401, 403, 404, 422]) expect(isRetryable(http(status))).toBe(false)
    expect(isRetryable(new LlmBadAnswer({ baseUrl: "u", detail: "no choices" }))).toBe(true)
    expect(isRetryable(new LlmCircuitOpen({ baseUrl: "u", failures: 3, last: "HTTP 502" }))).toBe(false)
  })
})
