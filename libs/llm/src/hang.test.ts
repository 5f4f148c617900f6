import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber } from "effect"
import { startFaultServer } from "#testing"
import { ask, clientLayer, options, tempDir } from "./client.fixture.ts"
import { LlmClient } from "./LlmClient.ts"

describe("LlmClient gives back the slot of a hung request", () => {
  it.live("with every slot held by a hung request, the others are answered long before the first-token timeout", () =>
    Effect.gen(function*() {
      const server = yield* startFaultServer({ seed: 3, faults: { hang: 1 }, latencyMillis: 20 })
      const dir = yield* tempDir
      // Concurrency 2 and two hung requests: without giving their slots back, nothing else is sent for 4 s.
      const opts = options(server.url, dir, {
        concurrency: 2,
        firstTokenTimeoutSeconds: 4,
        slotReleaseSeconds: 0.2,
        timeoutSeconds: 30,
        retries: 1
      })
      const others = Array.from({ length: 10 }, (_, i) => `other ${i}`)
      const result = yield* Effect.gen(function*() {
        const llm = yield* LlmClient
        const hung = yield* Effect.forkChild(
          Effect.forEach(["hung 1", "hung 2"], (text) => llm.complete(ask(text)), { concurrency: "unbounded" })
        )
        while (server.received.length < 2) yield* Effect.sleep("10 millis")
        server.setFaults({})
        const answers = yield* Effect.forEach(others, (text) => llm.complete(ask(text)), { concurrency: "unbounded" })
        const statsThen = yield* llm.stats
        const hungThen = hung.pollUnsafe()
        const hungAnswers = yield* Fiber.join(hung)
        return { answers, statsThen, hungThen, hungAnswers, statsAfter: yield* llm.stats }
      }).pipe(Effect.provide(clientLayer(opts)))
      assert.deepStrictEqual(result.answers.map((answer) => answer.content), others.map((text) => `echo: ${text}`))
      // When the others were all answered, neither hung request had reached its first-token timeout.
      assert.strictEqual(result.statsThen.timeouts.firstToken, 0)
      assert.isUndefined(result.hungThen)
      // Then each hung request timed out and was answered on its retry, sent after all of the others.
      assert.deepStrictEqual(result.hungAnswers.map((answer) => answer.content), ["echo: hung 1", "echo: hung 2"])
      assert.strictEqual(result.statsAfter.timeouts.firstToken, 2)
      assert.strictEqual(result.statsAfter.retries, 2)
      const order = server.received.map((r) => (r.body.messages as Array<{ content: string }>).at(-1)!.content)
      assert.deepStrictEqual(order.slice(0, 2).sort(), ["hung 1", "hung 2"])
      assert.deepStrictEqual(order.slice(2, 12).sort(), [...others].sort())
      assert.deepStrictEqual(order.slice(12).sort(), ["hung 1", "hung 2"])
    }))
})
