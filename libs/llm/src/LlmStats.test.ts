import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { llmUsage } from "./LlmStats.ts"
import { completion, startChatServer } from "#testing"
import { ask, options, run, statsOf, tempDir } from "./client.fixture.ts"

/** Each request's usage depends on its text, so that sums show which answers were counted. */
const usageFor = (body: Record<string, unknown>) => {
  const messages = body.messages as Array<{ content: string }>
  const words = messages.map((m) => m.content).join(" ").split(" ").length
  return { prompt_tokens: words * 10, completion_tokens: words }
}

describe("LlmClient's usage counts", () => {
  it.live("sums the server's usage, and a rebuild from the cache reports the same usage", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer((n, body) => ({ body: completion(`answer ${n}`, "stop", usageFor(body)) }))
      const dir = yield* tempDir
      // 3 + 1 words and 3 + 3 words: prompt tokens 40 and 60, completion tokens 4 and 6.
      const requests = [ask("Kigali"), ask("Dar es Salaam")]
      const built = yield* run(options(server.url, dir), ...requests)
      assert.deepStrictEqual(built.answers.map((a) => a.usage), [
        { promptTokens: 40, completionTokens: 4 },
        { promptTokens: 60, completionTokens: 6 }
      ])
      assert.deepStrictEqual(llmUsage(built.stats), { requests: 2, promptTokens: 100, completionTokens: 10 })

      // The rebuild reaches no server: every answer, with its usage, comes from the cache.
      const rebuilt = yield* run(options("http://127.0.0.1:9/v1", dir), ...requests)
      assert.strictEqual(server.received.length, 2)
      assert.deepStrictEqual(rebuilt.answers.map((a) => a.usage), built.answers.map((a) => a.usage))
      assert.deepStrictEqual(llmUsage(rebuilt.stats), llmUsage(built.stats))
      // What differs between the two runs is what llmUsage leaves out.
      assert.deepStrictEqual([built.stats.cacheHits, rebuilt.stats.cacheHits], [0, 2])
    }))

  it.live("counts no tokens for an answer whose server reported no usage, or an unreadable one", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer((n) => ({
        // undefined: JSON leaves the key out.
        body: { ...completion("Ada"), usage: n === 1 ? undefined : { prompt_tokens: "many", completion_tokens: -1 } }
      }))
      const dir = yield* tempDir
      const { answers, stats } = yield* run(options(server.url, dir), ask("a"), ask("b"))
      assert.deepStrictEqual(answers.map((a) => [a.content, a.usage]), [["Ada", null], ["Ada", null]])
      assert.deepStrictEqual(stats, statsOf({ requests: 2, attempts: 2 }))
      const { answers: [again] } = yield* run(options(server.url, dir), ask("a"))
      assert.isTrue(again.cached)
      assert.isNull(again.usage)
    }))
})
