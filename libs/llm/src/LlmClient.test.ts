import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Schema } from "effect"
import * as fs from "node:fs"
import * as http from "node:http"
import * as os from "node:os"
import * as path from "node:path"
import type { ChatRequest } from "./ChatRequest.ts"
import { LlmClient } from "./LlmClient.ts"
import type { LlmOptions } from "./LlmOptions.ts"
import { requestKey } from "./requestKey.ts"
import { CacheEntry } from "./ResponseCache.ts"

// ---- Test double: a tiny chat-completions server on 127.0.0.1 ----

interface Reply {
  readonly status?: number
  readonly headers?: Record<string, string>
  readonly body?: unknown
  readonly delayMillis?: number
}

interface Received {
  readonly authorization: string | undefined
  readonly body: Record<string, unknown>
  readonly at: number
}

const completion = (content: string | null, finishReason = "stop") => ({
  id: "chatcmpl-test",
  object: "chat.completion",
  created: 0,
  model: "served-model",
  choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: finishReason }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 }
})

/** Answers the n-th request (from 1) with `reply(n, body)`; records every request and the peak concurrency. */
const startServer = (reply: (n: number, body: Record<string, unknown>) => Reply) =>
  Effect.acquireRelease(
    Effect.callback<{ server: http.Server; url: string; received: Array<Received>; peak: () => number }>((resume) => {
      const received: Array<Received> = []
      let inFlight = 0
      let peak = 0
      const server = http.createServer((req, res) => {
        let text = ""
        req.on("data", (chunk) => (text += chunk))
        req.on("end", () => {
          const body = JSON.parse(text) as Record<string, unknown>
          received.push({ authorization: req.headers.authorization, body, at: Date.now() })
          inFlight++
          peak = Math.max(peak, inFlight)
          const answer = reply(received.length, body)
          setTimeout(() => {
            inFlight--
            res.writeHead(answer.status ?? 200, { "content-type": "application/json", ...answer.headers })
            res.end(JSON.stringify(answer.body ?? completion(`answer ${received.length}`)))
          }, answer.delayMillis ?? 0)
        })
      })
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number }
        resume(Effect.succeed({ server, url: `http://127.0.0.1:${port}/v1`, received, peak: () => peak }))
      })
    }),
    ({ server }) =>
      Effect.callback<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  )

/** A port nothing listens on: bound once, then closed. */
const closedPort = Effect.callback<number>((resume) => {
  const server = http.createServer()
  server.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as { port: number }
    server.close(() => resume(Effect.succeed(port)))
  })
})

const tempDir = Effect.acquireRelease(
  Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "llm-test-"))),
  (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true }))
)

const filesUnder = (dir: string): Array<string> =>
  fs.readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => path.join(dir, name))
    .filter((file) => fs.statSync(file).isFile())

const options = (baseUrl: string, cacheDir: string, overrides: Partial<LlmOptions> = {}): LlmOptions => ({
  baseUrl,
  model: "test-model",
  apiKeyEnv: "LLM_TEST_NO_SUCH_KEY",
  concurrency: 4,
  timeoutSeconds: 5,
  retries: 3,
  cacheDir,
  backoffMillis: 1,
  ...overrides
})

const ask = (content: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  messages: [{ role: "system", content: "You annotate entities." }, { role: "user", content }],
  temperature: 0,
  maxTokens: 32,
  ...extra
})

/** Runs `complete` (and reads the stats) against a fresh layer, as a new process would. */
const run = (opts: LlmOptions, ...requests: Array<ChatRequest>) =>
  Effect.gen(function*() {
    const llm = yield* LlmClient
    const answers = yield* Effect.forEach(requests, llm.complete, { concurrency: "unbounded" })
    return { answers, stats: yield* llm.stats }
  }).pipe(Effect.provide(LlmClient.layer(opts)))

const failure = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  const reason = exit.cause.reasons[0]
  if (reason?._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return reason.error
}

describe("LlmClient", () => {
  it.live("round-trips a chat completion", () =>
    Effect.gen(function*() {
      const server = yield* startServer(() => ({}))
      const dir = yield* tempDir
      const { answers: [answer] } = yield* run(options(server.url, dir), ask("Ada met Lin.", { seed: 7 }))
      assert.deepStrictEqual(answer, { content: "answer 1", finishReason: "stop", model: "served-model", cached: false })
      assert.deepStrictEqual(server.received[0].body, {
        model: "test-model",
        messages: [
          { role: "system", content: "You annotate entities." },
          { role: "user", content: "Ada met Lin." }
        ],
        temperature: 0,
        max_tokens: 32,
        seed: 7
      })
      // A missing key variable means no key.
      assert.strictEqual(server.received[0].authorization, "Bearer unused")
    }))

  it.live("answers a repeated request from the disk cache, also in a new layer", () =>
    Effect.gen(function*() {
      const server = yield* startServer(() => ({}))
      const dir = yield* tempDir
      const first = yield* run(options(server.url, dir), ask("Paris"), ask("Paris"))
      // Run one after the other so the second sees the first one's cache file.
      const second = yield* run(options(server.url, dir), ask("Paris"))
      const third = yield* run(options("http://127.0.0.1:9/v1", dir), ask("Paris"))
      assert.strictEqual(server.received.length, first.answers.filter((a) => !a.cached).length)
      assert.isTrue(second.answers[0].cached)
      assert.strictEqual(second.answers[0].content, first.answers[0].content)
      // Not part of the key: the base URL. A dead endpoint still answers from the cache.
      assert.isTrue(third.answers[0].cached)
      assert.deepStrictEqual(second.stats, { requests: 1, cacheHits: 1, retries: 0 })

      const key = requestKey("test-model", ask("Paris"))
      const file = path.join(dir, key.slice(0, 2), `${key}.json`)
      const entry = Schema.decodeUnknownSync(Schema.fromJsonString(CacheEntry))(fs.readFileSync(file, "utf8"))
      assert.strictEqual(entry.key, key)
      assert.strictEqual(entry.request.messages[1].content, "Paris")
      assert.strictEqual(entry.answer.content, first.answers[0].content)
    }))

  it.live("sequential identical calls make one HTTP request", () =>
    Effect.gen(function*() {
      const server = yield* startServer(() => ({}))
      const dir = yield* tempDir
      const result = yield* Effect.gen(function*() {
        const llm = yield* LlmClient
        const a = yield* llm.complete(ask("Rome"))
        const b = yield* llm.complete(ask("Rome"))
        return { a, b, stats: yield* llm.stats }
      }).pipe(Effect.provide(LlmClient.layer(options(server.url, dir))))
      assert.strictEqual(server.received.length, 1)
      assert.isFalse(result.a.cached)
      assert.isTrue(result.b.cached)
      assert.deepStrictEqual(result.stats, { requests: 2, cacheHits: 1, retries: 0 })
    }))

  it.live("a different temperature is a different request", () =>
    Effect.gen(function*() {
      const server = yield* startServer(() => ({}))
      const dir = yield* tempDir
      yield* run(options(server.url, dir), ask("Oslo"))
      const { answers: [answer] } = yield* run(options(server.url, dir), ask("Oslo", { temperature: 0.7 }))
      assert.isFalse(answer.cached)
      assert.strictEqual(server.received.length, 2)
      assert.strictEqual(server.received[1].body.temperature, 0.7)
      assert.strictEqual(filesUnder(dir).length, 2)
    }))

  it.live("caches an answer cut off at the token limit", () =>
    Effect.gen(function*() {
      const server = yield* startServer(() => ({ body: completion("Ada Lov", "length") }))
      const dir = yield* tempDir
      yield* run(options(server.url, dir), ask("Long"))
      const { answers: [answer] } = yield* run(options(server.url, dir), ask("Long"))
      assert.deepStrictEqual(answer, { content: "Ada Lov", finishReason: "length", model: "served-model", cached: true })
      assert.strictEqual(server.received.length, 1)
    }))

  it.live("waits as long as a 429's retry-after asks, then succeeds", () =>
    Effect.gen(function*() {
      const server = yield* startServer((n) =>
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
      const server = yield* startServer((n) => (n <= 2 ? { status: 500, body: { error: { message: "boom" } } } : {}))
      const dir = yield* tempDir
      const { answers: [answer], stats } = yield* run(options(server.url, dir), ask("Flaky"))
      assert.strictEqual(answer.content, "answer 3")
      assert.deepStrictEqual(stats, { requests: 1, cacheHits: 0, retries: 2 })
    }))

  it.live("gives up on a 5xx after the allowed retries", () =>
    Effect.gen(function*() {
      const server = yield* startServer(() => ({ status: 503, body: { error: { message: "overloaded" } } }))
      const dir = yield* tempDir
      const error = failure(yield* Effect.exit(run(options(server.url, dir, { retries: 2 }), ask("Down"))))
      assert.strictEqual(error._tag, "LlmHttpError")
      assert.strictEqual(server.received.length, 3)
      assert.strictEqual(error.message, `LLM endpoint ${server.url} answered HTTP 503: overloaded after 2 retries`)
      assert.deepStrictEqual(filesUnder(dir), [])
    }))

  it.live("fails a 400 at once with the server's message", () =>
    Effect.gen(function*() {
      const server = yield* startServer(() => ({
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
      const server = yield* startServer(() => ({
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
      const server = yield* startServer(() => ({ delayMillis: 2_000 }))
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

  it.live("rejects an answer without choices or content, without retrying or caching it", () =>
    Effect.gen(function*() {
      const server = yield* startServer((n) => ({ body: n === 1 ? { ...completion(""), choices: [] } : completion(null) }))
      const dir = yield* tempDir
      const noChoices = failure(yield* Effect.exit(run(options(server.url, dir), ask("a"))))
      const noContent = failure(yield* Effect.exit(run(options(server.url, dir), ask("b"))))
      assert.strictEqual(noChoices._tag, "LlmBadAnswer")
      assert.include(noChoices.message, "no choices")
      assert.strictEqual(noContent._tag, "LlmBadAnswer")
      assert.include(noContent.message, "no content")
      assert.strictEqual(server.received.length, 2)
      assert.deepStrictEqual(filesUnder(dir), [])
    }))

  it.live("never has more requests in flight than the concurrency", () =>
    Effect.gen(function*() {
      const server = yield* startServer(() => ({ delayMillis: 100 }))
      const dir = yield* tempDir
      const requests = ["a", "b", "c", "d", "e", "f"].map((word) => ask(word))
      const { answers } = yield* run(options(server.url, dir, { concurrency: 2 }), ...requests)
      assert.strictEqual(answers.length, 6)
      assert.strictEqual(server.received.length, 6)
      assert.strictEqual(server.peak(), 2)
    }))

  it.live("sends the API key but never writes it to a cache file or an error", () =>
    Effect.gen(function*() {
      process.env.TEST_KEY = "sk-secret-123"
      yield* Effect.addFinalizer(() => Effect.sync(() => delete process.env.TEST_KEY))
      const server = yield* startServer((n) =>
        n === 1 ? {} : { status: 401, body: { error: { message: "Incorrect API key provided: sk-secret-123" } } }
      )
      const dir = yield* tempDir
      const keyed = options(server.url, dir, { apiKeyEnv: "TEST_KEY" })
      yield* run(keyed, ask("Kept"))
      const error = failure(yield* Effect.exit(run(keyed, ask("Refused"))))
      assert.strictEqual(server.received[0].authorization, "Bearer sk-secret-123")
      assert.strictEqual(error._tag, "LlmHttpError")
      assert.notInclude(error.message, "sk-secret-123")
      assert.notInclude(JSON.stringify(error), "sk-secret-123")
      assert.notInclude(String(error), "sk-secret-123")
      const files = filesUnder(dir)
      assert.strictEqual(files.length, 1)
      for (const file of files) assert.notInclude(fs.readFileSync(file, "utf8"), "sk-secret-123")
    }))

  it.live("ignores a corrupt cache file and rewrites it", () =>
    Effect.gen(function*() {
      const server = yield* startServer(() => ({}))
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

  it.live("leaves no temporary files behind", () =>
    Effect.gen(function*() {
      const server = yield* startServer(() => ({}))
      const dir = yield* tempDir
      const requests = Array.from({ length: 8 }, (_, i) => ask(`word ${i}`))
      yield* run(options(server.url, dir), ...requests, ...requests)
      const files = filesUnder(dir)
      assert.isAtLeast(files.length, 8)
      assert.isTrue(files.every((file) => /\/[0-9a-f]{2}\/[0-9a-f]{64}\.json$/.test(file)), files.join("\n"))
    }))
})
