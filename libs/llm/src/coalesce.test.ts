import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber } from "effect"
import { LlmClient } from "./LlmClient.ts"
import { startChatServer } from "#testing"
import { ask, clientLayer, failure, filesUnder, options, run, statsOf, tempDir } from "./client.fixture.ts"

describe("LlmClient coalesces identical requests in flight", () => {
  it.live("two identical requests at once make one HTTP request and share its answer", () =>
    Effect.gen(function*() {
      // The first answer is slow, so the second call arrives while the first is still in flight.
      const server = yield* startChatServer((n) => ({ delayMillis: n === 1 ? 300 : 0 }))
      const dir = yield* tempDir
      const { answers, stats } = yield* run(options(server.url, dir), ask("Lagos"), ask("Lagos"))
      assert.strictEqual(server.received.length, 1)
      assert.deepStrictEqual(answers.map((a) => a.content), ["answer 1", "answer 1"])
      // The one that waited had no HTTP request of its own: it reads as a cache hit.
      assert.deepStrictEqual(answers.map((a) => a.cached).sort(), [false, true])
      // Both calls count their answer's tokens, as they would if the second had come later from the disk cache.
      assert.deepStrictEqual(stats, statsOf({
        requests: 2, cacheHits: 1, attempts: 1, promptTokens: 22, completionTokens: 14, sentPromptTokens: 11, sentCompletionTokens: 7
      }))
    }))

  it.live("different requests at once are not coalesced", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(() => ({ delayMillis: 200 }))
      const dir = yield* tempDir
      const { answers } = yield* run(options(server.url, dir), ask("Lagos"), ask("Accra"))
      assert.strictEqual(server.received.length, 2)
      assert.deepStrictEqual(answers.map((a) => a.cached), [false, false])
    }))

  it.live("a failure of the shared request fails both callers, and is not kept", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer((n) =>
        n === 1 ? { status: 400, delayMillis: 300, body: { error: { message: "no such model" } } } : {}
      )
      const dir = yield* tempDir
      const exits = yield* Effect.gen(function*() {
        const llm = yield* LlmClient
        return yield* Effect.all([Effect.exit(llm.complete(ask("Kano"))), Effect.exit(llm.complete(ask("Kano")))], {
          concurrency: "unbounded"
        })
      }).pipe(Effect.provide(clientLayer(options(server.url, dir))))
      const errors = exits.map(failure)
      assert.strictEqual(server.received.length, 1)
      for (const error of errors) {
        assert.strictEqual(error._tag, "LlmHttpError")
        assert.include(error.message, "no such model")
      }
      assert.deepStrictEqual(filesUnder(dir), [])
      // The failure is forgotten with its request: the next identical call asks again, and gets an answer.
      const { answers: [again] } = yield* run(options(server.url, dir), ask("Kano"))
      assert.strictEqual(again.content, "answer 2")
      assert.isFalse(again.cached)
    }))

  it.live("a caller that gives up does not take the answer away from the one still waiting", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(() => ({ delayMillis: 300 }))
      const dir = yield* tempDir
      const result = yield* Effect.gen(function*() {
        const llm = yield* LlmClient
        const first = yield* Effect.forkChild(llm.complete(ask("Abuja")))
        yield* Effect.sleep("50 millis")
        const second = yield* Effect.forkChild(llm.complete(ask("Abuja")))
        yield* Effect.sleep("50 millis")
        yield* Fiber.interrupt(first)
        return { answer: yield* Fiber.join(second), stats: yield* llm.stats }
      }).pipe(Effect.provide(clientLayer(options(server.url, dir))))
      assert.strictEqual(server.received.length, 1)
      assert.strictEqual(result.answer.content, "answer 1")
      assert.isTrue(result.answer.cached)
      assert.strictEqual(filesUnder(dir).length, 1)
    }))
})
