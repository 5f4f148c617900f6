import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { completion, startChatServer } from "#testing"
import { ask, closedPort, failure, filesUnder, options, run, servedBy, statsOf, tempDir } from "./client.fixture.ts"

describe("LlmClient", () => {
  it.live("round-trips a chat completion", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(() => ({}))
      const dir = yield* tempDir
      const { answers: [answer] } = yield* run(options(server.url, dir), ask("Ada met Lin.", { seed: 7 }))
      assert.deepStrictEqual(answer, {
        content: "answer 1",
        finishReason: "stop",
        model: "served-model",
        usage: { promptTokens: 11, completionTokens: 7 },
        producer: servedBy(server.url),
        rejected: null,
        cached: false
      })
      assert.deepStrictEqual(server.received[0].body, {
        model: "test-model",
        messages: [
          { role: "system", content: "You annotate entities." },
          { role: "user", content: "Ada met Lin." }
        ],
        temperature: 0,
        max_tokens: 32,
        seed: 7,
        stream: true,
        stream_options: { include_usage: true }
      })
      // No key given means no key.
      assert.strictEqual(server.received[0].authorization, "Bearer unused")
    }))

  it.live("waits as long as a 429's retry-after asks, then succeeds", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer((n) =>
        n === 1 ? { status: 429, headers: { "retry-after": "1" }, body: { error: { message: "slow down" } } } : {}
      )
      const dir = yield* tempDir
      const { answers: [answer], stats } = yield* run(options(server.url, dir), ask("Busy"))
      assert.strictEqual(answer.content, "answer 2")
      assert.isAtLeast(server.received[1].at - server.received[0].at, 950)
      assert.strictEqual(stats.retries, 1)
    }))

  it.live("retries 5xx answers", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer((n) => (n <= 2 ? { status: 500, body: { error: { message: "boom" } } } : {}))
      const dir = yield* tempDir
      const { answers: [answer], stats } = yield* run(options(server.url, dir), ask("Flaky"))
      assert.strictEqual(answer.content, "answer 3")
      // Only the answer's tokens count: the failed attempts brought none.
      assert.deepStrictEqual(stats, statsOf({
        requests: 1, retries: 2, attempts: 3, promptTokens: 11, completionTokens: 7, sentPromptTokens: 11, sentCompletionTokens: 7
      }))
    }))

  it.live("gives up on a 5xx after the allowed retries", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(() => ({ status: 503, body: { error: { message: "overloaded" } } }))
      const dir = yield* tempDir
      const error = failure(yield* Effect.exit(run(options(server.url, dir, { retries: 2 }), ask("Down"))))
      assert.strictEqual(error._tag, "LlmHttpError")
      assert.strictEqual(server.received.length, 3)
      assert.strictEqual(error.message, `LLM endpoint ${server.url} answered HTTP 503: overloaded after 2 retries`)
      assert.deepStrictEqual(filesUnder(dir), [])
    }))

  it.live("fails a 400 at once with the server's message", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(() => ({
        status: 400,
        body: { error: { message: "temperature must be at most 2", type: "invalid_request_error" } }
      }))
      const dir = yield* tempDir
      const error = failure(yield* Effect.exit(run(options(server.url, dir), ask("Bad", { temperature: 9 }))))
      assert.strictEqual(server.received.length, 1)
      assert.strictEqual(error._tag, "LlmHttpError")
      if (error._tag !== "LlmHttpError") return
      assert.strictEqual(error.status, 400)
      assert.strictEqual(error.retries, 0)
      assert.strictEqual(error.message, `LLM endpoint ${server.url} answered HTTP 400: temperature must be at most 2`)
    }))

  // vLLM and SGLang put the message at the top level; the SDK must still hand it over.

  it.live("keeps the message of a vLLM-style error body", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(() => ({
        status: 400,
        body: { object: "error", message: "maximum context length is 4096 tokens", type: "BadRequestError", code: 400 }
      }))
      const dir = yield* tempDir
      const error = failure(yield* Effect.exit(run(options(server.url, dir), ask("Huge"))))
      assert.strictEqual(error._tag, "LlmHttpError")
      assert.include(error.message, "maximum context length is 4096 tokens")
    }))

  it.live("reports a closed port as unreachable after the retries, naming the URL", () =>
    Effect.gen(function*() {
      const port = yield* closedPort
      const dir = yield* tempDir
      const url = `http://127.0.0.1:${port}/v1`
      const error = failure(yield* Effect.exit(run(options(url, dir, { retries: 3 }), ask("Anyone?"))))
      assert.strictEqual(error._tag, "LlmUnreachable")
      assert.strictEqual(error.message, `LLM endpoint ${url} could not be reached (connection refused) after 3 retries`)
    }))

  it.live("reports a server slower than the timeout as unreachable", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(() => ({ delayMillis: 2_000 }))
      const dir = yield* tempDir
      const started = Date.now()
      const error = failure(
        yield* Effect.exit(run(options(server.url, dir, { timeoutSeconds: 0.2, retries: 1 }), ask("Slow")))
      )
      assert.strictEqual(error._tag, "LlmUnreachable")
      assert.include(error.message, "timed out after 0.2 s")
      assert.strictEqual(server.received.length, 2)
      assert.isBelow(Date.now() - started, 1_500)
    }))

  it.live("retries an answer without choices, and never caches it", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(() => ({ body: { ...completion(""), choices: [] } }))
      const dir = yield* tempDir
      const noChoices = failure(yield* Effect.exit(run(options(server.url, dir, { retries: 1 }), ask("a"))))
      assert.strictEqual(noChoices._tag, "LlmBadAnswer")
      assert.strictEqual(noChoices.message, `LLM endpoint ${server.url} gave no usable answer: no choices`)
      assert.strictEqual(server.received.length, 2)
      assert.deepStrictEqual(filesUnder(dir), [])
    }))

  it.live("never has more requests in flight than the concurrency", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(() => ({ delayMillis: 100 }))
      const dir = yield* tempDir
      const requests = ["a", "b", "c", "d", "e", "f"].map((word) => ask(word))
      const { answers } = yield* run(options(server.url, dir, { concurrency: 2 }), ...requests)
      assert.strictEqual(answers.length, 6)
      assert.strictEqual(server.received.length, 6)
      assert.strictEqual(server.peak(), 2)
    }))

  it.live("spaces requests past the burst of a configured requests-per-minute quota", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(() => ({}))
      const dir = yield* tempDir
      // 60 a minute: a burst of ten, then one a second.
      const requests = Array.from({ length: 12 }, (_, i) => ask(`q${i}`))
      yield* run(options(server.url, dir, { requestsPerMinute: 60 }), ...requests)
      const at = server.received.map((r) => r.at)
      assert.isBelow(at[9] - at[0], 500)
      assert.isAtLeast(at[11] - at[0], 1900)
    }))
})
