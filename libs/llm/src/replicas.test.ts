import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { startFaultServer } from "#testing"
import { ask, clientLayer, closedPort, failure, options, tempDir } from "./client.fixture.ts"
import { LlmClient } from "./LlmClient.ts"
import type { LlmOptions } from "./LlmOptions.ts"

const texts = Array.from({ length: 100 }, (_, i) => `passage ${i}`)

const askAll = (opts: LlmOptions) =>
  Effect.gen(function*() {
    const llm = yield* LlmClient
    const answers = yield* Effect.forEach(texts, (text) => llm.complete(ask(text)), { concurrency: "unbounded" })
    return { answers, stats: yield* llm.stats, producers: yield* llm.producers, endpoint: llm.endpoint }
  }).pipe(Effect.provide(clientLayer(opts)))

describe("LlmClient with replicas", () => {
  it.live("shares 100 requests between two replicas by attempts in flight, and each answer names the one that answered", () =>
    Effect.gen(function*() {
      const first = yield* startFaultServer({ seed: 1, faults: {}, latencyMillis: 20, model: "served-model" })
      const second = yield* startFaultServer({ seed: 2, faults: {}, latencyMillis: 20, model: "served-model" })
      const dir = yield* tempDir
      const result = yield* askAll(options(first.url, dir, { replicas: [second.url], concurrency: 8 }))
      assert.deepStrictEqual(result.answers.map((answer) => answer.content), texts.map((text) => `echo: ${text}`))
      assert.strictEqual(first.received.length + second.received.length, 100)
      // Equal latency: the least loaded alternates, so the split is near even.
      assert.isAtLeast(first.received.length, 35)
      assert.isAtLeast(second.received.length, 35)
      for (const [i, answer] of result.answers.entries()) {
        const answeredBy = first.sent(texts[i]) === 1 ? first.url : second.url
        assert.strictEqual(answer.producer.endpoint, answeredBy)
      }
      assert.deepStrictEqual(result.producers.map((producer) => producer.endpoint).sort(), [first.url, second.url].sort())
      assert.strictEqual(result.endpoint.endpoint, `${first.url}, ${second.url}`)
    }))

  it.live("with one replica dead, every request is answered by the other", () =>
    Effect.gen(function*() {
      const port = yield* closedPort
      const dead = `http://127.0.0.1:${port}/v1`
      const alive = yield* startFaultServer({ seed: 1, faults: {}, latencyMillis: 5 })
      const dir = yield* tempDir
      const result = yield* askAll(options(dead, dir, { replicas: [alive.url], concurrency: 8, retries: 2 }))
      assert.strictEqual(result.answers.length, 100)
      assert.strictEqual(alive.received.length, 100)
      assert.deepStrictEqual(result.producers.map((producer) => producer.endpoint), [alive.url])
      // The dead one was tried, each failure retried on the live one, and set aside after 20 in a row: at most the
      // 7 other attempts in flight then still go to it.
      assert.isAtLeast(result.stats.retries, 1)
      assert.isAtMost(result.stats.retries, 20 + 7)
    }))

  it.live("the breaker opens only when every replica has failed its run of attempts, and names them all", () =>
    Effect.gen(function*() {
      const dead = [`http://127.0.0.1:${yield* closedPort}/v1`, `http://127.0.0.1:${yield* closedPort}/v1`]
      const dir = yield* tempDir
      const opts = options(dead[0], dir, { replicas: [dead[1]], breakerFailures: 3, retries: 10, concurrency: 1 })
      const error = failure(yield* Effect.exit(askAll(opts)))
      assert.strictEqual(error._tag, "LlmCircuitOpen")
      assert.include(error.message, `stopped asking ${dead[0]}, ${dead[1]} after 3 failed attempts in a row`)
    }))
})
