import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { LlmClient } from "./LlmClient.ts"
import { requestKey } from "./requestKey.ts"
import { CacheEntry } from "./ResponseCache.ts"
import { completion, startChatServer } from "#testing"
import { ask, clientLayer, failure, filesUnder, options, run, servedBy, statsOf, tempDir } from "./client.fixture.ts"

describe("LlmClient's response cache", () => {
  it.live("answers a repeated request from the disk cache, also in a new layer", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(() => ({}))
      const dir = yield* tempDir
      const first = yield* run(options(server.url, dir), ask("Paris"), ask("Paris"))
      // Run one after the other so the second sees the first one's cache file.
      const second = yield* run(options(server.url, dir), ask("Paris"))
      const third = yield* run(options("http://127.0.0.1:9/v1", dir), ask("Paris"))
      // Four calls in three layers, one HTTP request: the first layer's pair shared it, the others read the file.
      assert.strictEqual(server.received.length, 1)
      assert.deepStrictEqual(first.answers.map((a) => a.cached).sort(), [false, true])
      assert.isTrue(second.answers[0].cached)
      assert.strictEqual(second.answers[0].content, "answer 1")
      // Not part of the key: the base URL. A dead endpoint still answers from the cache.
      assert.isTrue(third.answers[0].cached)
      assert.strictEqual(third.answers[0].content, "answer 1")
      assert.deepStrictEqual(second.stats, statsOf({ requests: 1, cacheHits: 1, promptTokens: 11, completionTokens: 7 }))

      const key = requestKey("test-model", ask("Paris"))
      const file = path.join(dir, key.slice(0, 2), `${key}.json`)
      const entry = Schema.decodeUnknownSync(Schema.fromJsonString(CacheEntry))(fs.readFileSync(file, "utf8"))
      assert.strictEqual(entry.key, key)
      assert.strictEqual(entry.request.messages[1].content, "Paris")
      assert.strictEqual(entry.answer.content, first.answers[0].content)
    }))

  it.live("sequential identical calls make one HTTP request", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(() => ({}))
      const dir = yield* tempDir
      const result = yield* Effect.gen(function*() {
        const llm = yield* LlmClient
        const a = yield* llm.complete(ask("Rome"))
        const b = yield* llm.complete(ask("Rome"))
        return { a, b, stats: yield* llm.stats }
      }).pipe(Effect.provide(clientLayer(options(server.url, dir))))
      assert.strictEqual(server.received.length, 1)
      assert.isFalse(result.a.cached)
      assert.isTrue(result.b.cached)
      assert.strictEqual(result.b.content, result.a.content)
      assert.deepStrictEqual(result.stats, statsOf({
        requests: 2, cacheHits: 1, attempts: 1, promptTokens: 22, completionTokens: 14, sentPromptTokens: 11, sentCompletionTokens: 7
      }))
    }))

  it.live("a different temperature is a different request", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(() => ({}))
      const dir = yield* tempDir
      yield* run(options(server.url, dir), ask("Oslo"))
      const { answers: [answer] } = yield* run(options(server.url, dir), ask("Oslo", { temperature: 0.7 }))
      assert.isFalse(answer.cached)
      assert.strictEqual(server.received.length, 2)
      assert.strictEqual(server.received[1].body.temperature, 0.7)
      assert.strictEqual(filesUnder(dir).length, 2)
    }))

  it.live("stores an answer still cut off when the attempts ran out as rejected, and replays it without asking", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(() => ({ body: completion("Ada Lov", "length") }))
      const dir = yield* tempDir
      // 32 tokens, then 64, 128 and the cap of 100: one attempt and the three answer retries.
      const { answers: [first] } = yield* run(options(server.url, dir, { maxTokensCap: 100 }), ask("Long"))
      assert.deepStrictEqual(server.received.map((r) => r.body.max_tokens), [32, 64, 100, 100])
      assert.strictEqual(first.rejected, "truncated")
      const { answers: [answer] } = yield* run(options(server.url, dir), ask("Long"))
      assert.deepStrictEqual(answer, {
        content: "Ada Lov",
        finishReason: "length",
        model: "served-model",
        usage: { promptTokens: 11, completionTokens: 7 },
        producer: servedBy(server.url),
        rejected: "truncated",
        cached: true
      })
      assert.strictEqual(server.received.length, 4)
    }))

  it.live("ignores a corrupt cache file and rewrites it", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(() => ({}))
      const dir = yield* tempDir
      const key = requestKey("test-model", ask("Torn"))
      const file = path.join(dir, key.slice(0, 2), `${key}.json`)
      fs.mkdirSync(path.dirname(file), { recursive: true })
      fs.writeFileSync(file, `{"key":"${key}","request":`)
      const { answers: [fresh] } = yield* run(options(server.url, dir), ask("Torn"))
      assert.isFalse(fresh.cached)
      assert.strictEqual(server.received.length, 1)
      const { answers: [again] } = yield* run(options(server.url, dir), ask("Torn"))
      assert.isTrue(again.cached)
      assert.strictEqual(server.received.length, 1)
    }))

  it.live("makes a cache folder removed mid-run again", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(() => ({}))
      const dir = yield* tempDir
      // Another request whose key falls in the same fan-out folder, which the client made before.
      const prefix = requestKey("test-model", ask("Rome")).slice(0, 2)
      let seed = 0
      while (requestKey("test-model", ask("Rome", { seed })).slice(0, 2) !== prefix) seed += 1
      const sameFolder = ask("Rome", { seed })
      const result = yield* Effect.gen(function*() {
        const llm = yield* LlmClient
        yield* llm.complete(ask("Rome"))
        fs.rmSync(dir, { recursive: true, force: true })
        yield* llm.complete(sameFolder)
        return yield* llm.stats
      }).pipe(Effect.provide(clientLayer(options(server.url, dir))))
      assert.strictEqual(result.attempts, 2)
      assert.strictEqual(filesUnder(dir).length, 1)
    }))

  it.live("leaves no temporary files behind", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(() => ({}))
      const dir = yield* tempDir
      const requests = Array.from({ length: 8 }, (_, i) => ask(`word ${i}`))
      yield* run(options(server.url, dir), ...requests, ...requests)
      const files = filesUnder(dir)
      assert.isAtLeast(files.length, 8)
      assert.isTrue(files.every((file) => /\/[0-9a-f]{2}\/[0-9a-f]{64}\.json$/.test(file)), files.join("\n"))
    }))

  it.live("treats an entry written before usage was stored as a miss, and rewrites it", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(() => ({}))
      const dir = yield* tempDir
      const request = ask("Old")
      const key = requestKey("test-model", request)
      const file = path.join(dir, key.slice(0, 2), `${key}.json`)
      // A well-formed entry in the old shape: its answer has no usage.
      yield* run(options(server.url, dir), request)
      const written = JSON.parse(fs.readFileSync(file, "utf8")) as { answer: Record<string, unknown> }
      const { usage: _, ...oldAnswer } = written.answer
      fs.writeFileSync(file, JSON.stringify({ ...written, answer: { ...oldAnswer, content: "old answer" } }))

      const { answers: [answer] } = yield* run(options(server.url, dir), request)
      assert.isFalse(answer.cached)
      assert.strictEqual(answer.content, "answer 2")
      assert.strictEqual(server.received.length, 2)
      const entry = Schema.decodeUnknownSync(Schema.fromJsonString(CacheEntry))(fs.readFileSync(file, "utf8"))
      assert.deepStrictEqual(entry.answer.usage, { promptTokens: 11, completionTokens: 7 })
    }))

  it.live("fails naming the file when an answer cannot be written, and leaves no temporary file", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(() => ({}))
      const dir = yield* tempDir
      // The fan-out folder's name taken by a file: neither the entry nor its temporary can be written under it.
      const key = requestKey("test-model", ask("Blocked"))
      fs.writeFileSync(path.join(dir, key.slice(0, 2)), "")
      const error = failure(yield* Effect.exit(run(options(server.url, dir), ask("Blocked"))))
      assert.strictEqual(error._tag, "LlmCacheError")
      assert.include(error.message, `LLM response cache ${path.join(dir, key.slice(0, 2), `${key}.json`)} could not be written: `)
      assert.deepStrictEqual(fs.readdirSync(dir), [key.slice(0, 2)])
    }))
})
