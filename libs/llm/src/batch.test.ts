import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Option, Redacted } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { type ChatServer, completion, lastUserMessage, startChatServer } from "#testing"
import { chunkLines } from "./batch.ts"
import { ask, clientLayer, filesUnder, options, tempDir } from "./client.fixture.ts"
import { LlmClient } from "./LlmClient.ts"
import type { LlmOptions } from "./LlmOptions.ts"
import { requestKey } from "./requestKey.ts"

const texts = ["Ada met Lin.", "Bo met Cy.", "Di met Ed."]
const keyOf = (text: string) => requestKey("test-model", ask(text))

/** Answers `echo: <message>`, whichever way it is asked. */
const echo = (_: number, body: Record<string, unknown>) => ({ body: completion(`echo: ${lastUserMessage(body)}`) })

/** Fast polls, and a client that gives up on nothing it need not. */
const batchOptions = (url: string, dir: string, overrides: Partial<LlmOptions> = {}) =>
  options(url, dir, { batchPollSeconds: 0.01, ...overrides })

/** Prefetches `texts`, then asks each online: what a stage in batch mode does. */
const prefetchThenAsk = (opts: LlmOptions, asked: ReadonlyArray<string> = texts) =>
  Effect.gen(function*() {
    const llm = yield* LlmClient
    const summary = yield* llm.prefetch(asked.map((text) => ({ request: ask(text) })))
    const answers = yield* Effect.forEach(asked, (text) => llm.complete(ask(text)))
    return { summary, answers }
  }).pipe(Effect.provide(clientLayer(opts)))

/** Waits until a batch record is on disk (renamed into place, not its temporary file). */
const recordWritten = (dir: string) =>
  Effect.gen(function*() {
    const folder = path.join(dir, "batches")
    while (!fs.existsSync(folder) || !fs.readdirSync(folder).some((name) => name.endsWith(".json"))) yield* Effect.sleep("5 millis")
  })

/** A prefetch stopped once its batch is submitted and recorded, as a killed run leaves it; the server then runs it. */
const stopAfterSubmit = (server: ChatServer, opts: LlmOptions, asked: ReadonlyArray<string> = texts) =>
  Effect.gen(function*() {
    server.batches.hold(true)
    const stopped = yield* Effect.forkChild(prefetchThenAsk(opts, asked))
    yield* recordWritten(opts.cacheDir)
    yield* Fiber.interrupt(stopped)
    server.batches.hold(false)
  })

describe("LlmClient.prefetch (batch mode)", () => {
  it.live("submits one batch, polls it to completion, and fills the cache: the online pass then sends nothing", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(echo)
      const dir = yield* tempDir
      const { summary, answers } = yield* prefetchThenAsk(batchOptions(server.url, dir))
      assert.strictEqual(server.received.length, 0)
      assert.strictEqual(server.batches.created.length, 1)
      const batch = server.batches.created[0]
      assert.deepStrictEqual(batch.lines.map((line) => line.custom_id).sort(), texts.map(keyOf).sort())
      // The request lines carry the same body the online client would send, without streaming.
      const first = batch.lines.find((line) => line.custom_id === keyOf("Ada met Lin."))!
      assert.deepStrictEqual(first.body, {
        model: "test-model",
        messages: [{ role: "system", content: "You annotate entities." }, { role: "user", content: "Ada met Lin." }],
        temperature: 0,
        max_tokens: 32
      })
      assert.deepStrictEqual(answers.map((answer) => [answer.content, answer.cached, answer.rejected]), texts.map((text) => [`echo: ${text}`, true, null]))
      assert.deepStrictEqual(summary, {
        requests: 3,
        cached: 0,
        submitted: 1,
        collected: 0,
        answered: 3,
        rejected: 0,
        resubmitted: 0,
        unanswered: 0
      })
      // The record is removed once its answers are in the cache.
      assert.deepStrictEqual(fs.readdirSync(path.join(dir, "batches")), [])
      // A second prefetch finds everything settled and submits nothing.
      const again = yield* prefetchThenAsk(batchOptions(server.url, dir))
      assert.strictEqual(again.summary.cached, 3)
      assert.strictEqual(server.batches.created.length, 1)
    }))

  it.live("a run killed after submitting leaves the batch id on disk; the rerun collects that batch instead of submitting", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(echo)
      const dir = yield* tempDir
      yield* stopAfterSubmit(server, batchOptions(server.url, dir))
      assert.deepStrictEqual(fs.readdirSync(path.join(dir, "batches")), ["batch-1.json"])
      const { summary, answers } = yield* prefetchThenAsk(batchOptions(server.url, dir))
      assert.strictEqual(server.batches.created.length, 1)
      assert.strictEqual(server.received.length, 0)
      assert.strictEqual(summary.collected, 1)
      assert.strictEqual(summary.submitted, 0)
      assert.deepStrictEqual(answers.map((answer) => answer.content), texts.map((text) => `echo: ${text}`))
    }))

  it.live("a batch holding none of the requests asked (another language's task) is neither waited for nor collected", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(echo)
      const dir = yield* tempDir
      yield* stopAfterSubmit(server, batchOptions(server.url, dir), ["Ada met Lin."])
      const { summary } = yield* prefetchThenAsk(batchOptions(server.url, dir), ["Bo met Cy."])
      assert.deepStrictEqual([summary.collected, summary.submitted], [0, 1])
      assert.deepStrictEqual(server.batches.created[1].lines.map((line) => line.custom_id), [keyOf("Bo met Cy.")])
      assert.deepStrictEqual(fs.readdirSync(path.join(dir, "batches")), ["batch-1.json"])
    }))

  it.live("failed and expired requests are submitted again alone, in a second batch", () =>
    Effect.gen(function*() {
      const faults: Record<string, "failed" | "expired"> = { [keyOf("Bo met Cy.")]: "failed", [keyOf("Di met Ed.")]: "expired" }
      const server = yield* startChatServer(echo, { fault: (customId, batch) => (batch === 1 ? faults[customId] ?? null : null) })
      const dir = yield* tempDir
      const { summary, answers } = yield* prefetchThenAsk(batchOptions(server.url, dir))
      assert.strictEqual(server.batches.created.length, 2)
      assert.deepStrictEqual(server.batches.created[1].lines.map((line) => line.custom_id).sort(), Object.keys(faults).sort())
      assert.strictEqual(server.received.length, 0)
      assert.strictEqual(summary.resubmitted, 2)
      assert.strictEqual(summary.answered, 3)
      assert.deepStrictEqual(answers.map((answer) => answer.content), texts.map((text) => `echo: ${text}`))
    }))

  it.live("requests that keep failing are left to the online pass once retries are spent", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(echo, { fault: (customId) => (customId === keyOf("Bo met Cy.") ? "failed" : null) })
      const dir = yield* tempDir
      const { summary, answers } = yield* prefetchThenAsk(batchOptions(server.url, dir, { retries: 1 }))
      // The first batch and one resubmission; then the online pass asks for it.
      assert.strictEqual(server.batches.created.length, 2)
      assert.strictEqual(summary.unanswered, 1)
      assert.deepStrictEqual(server.received.map((request) => lastUserMessage(request.body)), ["Bo met Cy."])
      assert.strictEqual(answers[1].content, "echo: Bo met Cy.")
    }))

  it.live("an unusable answer is submitted again (a truncated one with twice the budget); with attempts spent it is stored rejected", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer((_, body) => ({
        body: lastUserMessage(body) === "Ada met Lin." ? completion("[(\"Ada\"", "length") : completion(`echo: ${lastUserMessage(body)}`)
      }))
      const dir = yield* tempDir
      const { summary, answers } = yield* prefetchThenAsk(batchOptions(server.url, dir, { answerRetries: 2 }))
      const budgets = server.batches.created.map((batch) =>
        batch.lines.find((line) => line.custom_id === keyOf("Ada met Lin."))?.body.max_tokens
      )
      // Three attempts, each alone after the first: 32, 64, 128 tokens.
      assert.deepStrictEqual(budgets, [32, 64, 128])
      assert.deepStrictEqual(server.batches.created.slice(1).map((batch) => batch.lines.length), [1, 1])
      assert.strictEqual(summary.rejected, 1)
      assert.strictEqual(answers[0].rejected, "truncated")
      assert.strictEqual(server.received.length, 0)
      const entry = JSON.parse(fs.readFileSync(path.join(dir, keyOf("Ada met Lin.").slice(0, 2), `${keyOf("Ada met Lin.")}.json`), "utf8"))
      assert.deepStrictEqual([entry.attempts, entry.maxTokens, entry.rejected], [3, 128, "truncated"])
    }))

  it.live("the caller's verdict decides what is usable, as online", () =>
    Effect.gen(function*() {
      let asked = 0
      const server = yield* startChatServer((_, body) => {
        if (lastUserMessage(body) === "Ada met Lin.") asked += 1
        return { body: completion(asked === 1 && lastUserMessage(body) === "Ada met Lin." ? "no list here" : "[]") }
      })
      const dir = yield* tempDir
      const llm = Effect.gen(function*() {
        const client = yield* LlmClient
        const accept = (content: string) => (content.startsWith("[") ? Option.none() : Option.some("malformed"))
        const summary = yield* client.prefetch(texts.map((text) => ({ request: ask(text), accept })))
        return { summary, answer: yield* client.complete(ask("Ada met Lin."), { accept }) }
      }).pipe(Effect.provide(clientLayer(batchOptions(server.url, dir))))
      const { summary, answer } = yield* llm
      assert.strictEqual(summary.resubmitted, 1)
      assert.strictEqual(answer.content, "[]")
      assert.strictEqual(server.received.length, 0)
    }))

  it.live("no file a batch run writes holds the API key, the record of a running batch included", () =>
    Effect.gen(function*() {
      const secret = "sk-batch-secret-9f3a"
      const server = yield* startChatServer(echo, { fault: (customId, batch) => (batch === 1 && customId === keyOf("Ada met Lin.") ? "failed" : null) })
      const dir = yield* tempDir
      yield* stopAfterSubmit(server, batchOptions(server.url, dir, { apiKey: Redacted.make(secret) }))
      // The persisted record of the batch not yet collected.
      const during = filesUnder(dir).map((file) => fs.readFileSync(file, "utf8"))
      yield* prefetchThenAsk(batchOptions(server.url, dir, { apiKey: Redacted.make(secret) }))
      // The killed run's batch was collected, and its failed request submitted again.
      assert.deepStrictEqual(server.batches.created.map((batch) => batch.lines.length), [3, 1])
      assert.strictEqual(server.batches.created.length, 2)
      const after = filesUnder(dir).map((file) => fs.readFileSync(file, "utf8"))
      assert.isAbove(during.length, 0)
      assert.isAbove(after.length, 2)
      for (const text of [...during, ...after]) assert.notInclude(text, secret)
    }))
})

describe("chunkLines", () => {
  it("cuts at 50,000 requests a batch", () => {
    const chunks = chunkLines(Array.from({ length: 50_001 }, () => "{}"))
    assert.deepStrictEqual(chunks.map((chunk) => chunk.length), [50_000, 1])
    assert.deepStrictEqual([chunks[0][0], chunks[1][0]], [0, 50_000])
  })

  it("cuts before a file would pass 150 MiB", () => {
    const line = "x".repeat(60 * 1024 * 1024 - 1)
    assert.deepStrictEqual(chunkLines([line, line, line]).map((chunk) => chunk.length), [2, 1])
  })
})
