import { assert, describe, it } from "@effect/vitest"
import { Effect, Logger, Option, Redacted } from "effect"
import * as fs from "node:fs"
import { completion, startChatServer, startFaultServer } from "#testing"
import { ask, clientLayer, failure, filesUnder, options, run, tempDir } from "./client.fixture.ts"
import { describeBody, largerBudget, nextBudget, storedVerdict, unusable } from "./heal.ts"
import { LlmClient } from "./LlmClient.ts"

/** The fault server's good answers start so; anything else is what a stage's parser would call malformed. */
const accept = (content: string) => content.startsWith("echo: ") ? Option.none() : Option.some("malformed")

/** Asks for each text with `accept`, as a stage passes its parser. */
const askAll = (opts: Parameters<typeof clientLayer>[0], texts: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const llm = yield* LlmClient
    const answers = yield* Effect.forEach(texts, (text) => llm.complete(ask(text), { accept }), { concurrency: "unbounded" })
    return { answers, stats: yield* llm.stats, producers: yield* llm.producers }
  }).pipe(Effect.provide(clientLayer(opts)))

/** Each cache file's answer and verdict, by path; how many attempts it took differs with the faults. */
const cachedAnswers = (dir: string) =>
  Object.fromEntries(filesUnder(dir).map((file) => {
    const { answer, rejected } = JSON.parse(fs.readFileSync(file, "utf8")) as { answer: unknown; rejected: unknown }
    return [file.slice(dir.length), { answer, rejected }]
  }))

describe("unusable", () => {
  it("names a cut answer truncated whatever its text, a blank one empty, and asks the caller about the rest", () => {
    const never = () => Option.some("malformed")
    assert.strictEqual(unusable({ content: "", finishReason: "length" }, undefined), "truncated")
    assert.strictEqual(unusable({ content: " \n", finishReason: "stop" }, never), "empty")
    assert.strictEqual(unusable({ content: "[]", finishReason: "stop" }, never), "malformed")
    assert.isNull(unusable({ content: "[]", finishReason: "stop" }, undefined))
  })

  it("doubles a token budget up to the cap, never below the current one", () => {
    assert.deepStrictEqual([largerBudget(256, 8192), largerBudget(5000, 8192), largerBudget(9000, 8192)], [512, 8192, 9000])
  })

  it("stores a usable answer or one whose retries are spent, and asks again otherwise, a truncated one with twice the budget", () => {
    const limits = { answerRetries: 2, maxTokensCap: 1000 }
    assert.isNull(nextBudget(null, 1, 300, limits))
    assert.strictEqual(nextBudget("truncated", 1, 300, limits), 600)
    assert.strictEqual(nextBudget("truncated", 2, 600, limits), 1000)
    assert.strictEqual(nextBudget("malformed", 2, 300, limits), 300)
    // The third answer is the last one: two retries after the first.
    assert.isNull(nextBudget("malformed", 3, 300, limits))
  })

  it("holds a cached entry final when usable to the caller or stored rejected, and asks again for one usable no more", () => {
    const never = () => Option.some("malformed")
    const answer = { content: "[]", finishReason: "stop" }
    assert.deepStrictEqual(storedVerdict({ answer, rejected: null }, undefined), { reason: null, final: true })
    assert.deepStrictEqual(storedVerdict({ answer, rejected: "malformed" }, never), { reason: "malformed", final: true })
    assert.deepStrictEqual(storedVerdict({ answer, rejected: null }, never), { reason: "malformed", final: false })
  })
})

describe("describeBody", () => {
  it("names an HTML page by its title, on one line, and asks about /v1", () => {
    assert.strictEqual(
      describeBody("<!DOCTYPE html>\n<html><head><title>502 Bad\nGateway</title></head><body>secret</body></html>"),
      `the server answered an HTML page titled "502 Bad Gateway", not JSON: does the base URL end in /v1?`
    )
    assert.strictEqual(describeBody("internal error\n  at worker 3"), "internal error at worker 3")
    assert.strictEqual(describeBody("x".repeat(500)).length, 200)
  })
})

describe("LlmClient heals from faults", () => {
  it.live("asks again after empty, truncated and malformed answers, stores none of them, and counts each reason", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer((n) => ({
        body: [completion(""), completion("echo: A", "length"), completion("Sorry."), completion("echo: Ada")][n - 1]
      }))
      const dir = yield* tempDir
      const { answers, stats } = yield* askAll(options(server.url, dir), ["Ada"])
      assert.strictEqual(answers[0].content, "echo: Ada")
      assert.isNull(answers[0].rejected)
      // The truncated answer's retry asked for twice the tokens.
      assert.deepStrictEqual(server.received.map((r) => r.body.max_tokens), [32, 32, 64, 64])
      assert.deepStrictEqual(stats.badAnswers, { empty: 1, malformed: 1, truncated: 1 })
      assert.deepStrictEqual(stats.rejected, {})
      assert.strictEqual(stats.attempts, 4)
      assert.deepStrictEqual(filesUnder(dir).length, 1)
    }))

  it.live("a rerun after a faulty run, against a healthy server, leaves what a run that saw no faults leaves", () =>
    Effect.gen(function*() {
      const texts = Array.from({ length: 40 }, (_, i) => `passage ${i}`)
      const clean = yield* startFaultServer({ seed: 2, faults: {} })
      const cleanDir = yield* tempDir
      const cleanRun = yield* askAll(options(clean.url, cleanDir, { endpointLabel: "lab" }), texts)

      const faulty = yield* startFaultServer({
        seed: 3,
        faults: { empty: 0.1, truncated: 0.1, malformed: 0.1, "server-error": 0.1, reset: 0.05, "rate-limited": 0.05 }
      })
      const dir = yield* tempDir
      const opts = options(faulty.url, dir, { endpointLabel: "lab", retries: 8, answerRetries: 8, breakerFailures: 1000 })
      const faultyRun = yield* askAll(opts, texts)
      assert.isAbove(faulty.received.filter((r) => r.fault !== null).length, 10)
      faulty.setFaults({})
      const sentBefore = faulty.received.length
      const rerun = yield* askAll(opts, texts)
      // Every answer of the faulty run was healed, so the rerun asks for nothing.
      assert.strictEqual(faulty.received.length, sentBefore)
      for (const result of [faultyRun, rerun]) {
        assert.deepStrictEqual(result.answers.map((a) => [a.content, a.rejected]), cleanRun.answers.map((a) => [a.content, a.rejected]))
      }
      assert.deepStrictEqual(cachedAnswers(dir), cachedAnswers(cleanDir))
      const bad = Object.values(faultyRun.stats.badAnswers).reduce((a, b) => a + b, 0)
      assert.strictEqual(bad, faulty.received.filter((r) => ["empty", "truncated", "malformed"].includes(r.fault ?? "")).length)
    }))

  it.live("once the attempts run out, hands out and stores the answer as rejected, and a rerun replays it unasked", () =>
    Effect.gen(function*() {
      const server = yield* startFaultServer({ seed: 4, faults: { malformed: 1 } })
      const dir = yield* tempDir
      const first = yield* askAll(options(server.url, dir, { answerRetries: 2 }), ["Lin"])
      assert.strictEqual(server.received.length, 3)
      assert.strictEqual(first.answers[0].rejected, "malformed")
      assert.deepStrictEqual(first.stats.rejected, { malformed: 1 })
      assert.deepStrictEqual(first.stats.badAnswers, { malformed: 2 })
      server.setFaults({})
      const again = yield* askAll(options(server.url, dir, { answerRetries: 2 }), ["Lin"])
      assert.strictEqual(server.received.length, 3)
      assert.deepStrictEqual([again.answers[0].rejected, again.answers[0].cached], ["malformed", true])
    }))
})

describe("LlmClient catches hangs by lack of progress", () => {
  it.live("a request with no first token ends on the first-token timeout, freeing its slot at once", () =>
    Effect.gen(function*() {
      const server = yield* startFaultServer({ seed: 5, faults: { hang: 1 } })
      const dir = yield* tempDir
      const opts = options(server.url, dir, { concurrency: 1, firstTokenTimeoutSeconds: 0.3, timeoutSeconds: 30 })
      const started = Date.now()
      const done = yield* Effect.gen(function*() {
        const llm = yield* LlmClient
        return yield* Effect.all([
          llm.complete(ask("hung")),
          // Only the first request hangs; the second waits for its slot.
          Effect.sleep("50 millis").pipe(Effect.andThen(Effect.sync(() => server.setFaults({}))), Effect.andThen(llm.complete(ask("next"))))
        ], { concurrency: "unbounded" }).pipe(Effect.andThen(llm.stats))
      }).pipe(Effect.provide(clientLayer(opts)))
      assert.isBelow(Date.now() - started, 1500)
      assert.strictEqual(done.timeouts.firstToken, 1)
      assert.strictEqual(done.retries, 1)
    }))

  it.live("a stream that goes silent ends on the idle timeout", () =>
    Effect.gen(function*() {
      const server = yield* startFaultServer({ seed: 6, faults: { stall: 1 } })
      const dir = yield* tempDir
      const opts = options(server.url, dir, { idleTimeoutSeconds: 0.2, retries: 1 })
      const error = failure(yield* Effect.exit(run(opts, ask("stalls"))))
      assert.strictEqual(error.message, `LLM endpoint ${server.url} could not be reached (no chunk within 0.2 s) after 1 retry`)
    }))

  it.live("a server that does not stream is asked without streaming from then on", () =>
    Effect.gen(function*() {
      const server = yield* startFaultServer({ seed: 7, faults: {}, streams: false })
      const dir = yield* tempDir
      const { answers } = yield* run(options(server.url, dir, { concurrency: 1 }), ask("a"), ask("b"))
      assert.deepStrictEqual(answers.map((a) => a.content), ["echo: a", "echo: b"])
      assert.deepStrictEqual(server.received.map((r) => r.body.stream ?? false), [true, false])
    }))

  it.live("stream: false never streams", () =>
    Effect.gen(function*() {
      const server = yield* startFaultServer({ seed: 8, faults: {} })
      const dir = yield* tempDir
      yield* run(options(server.url, dir, { stream: false }), ask("a"))
      assert.isUndefined(server.received[0].body.stream)
    }))
})

describe("LlmClient's circuit breaker", () => {
  it.live("stops after the configured failures in a row with one line naming the HTML page", () =>
    Effect.gen(function*() {
      const server = yield* startFaultServer({ seed: 9, faults: { "html-error": 1 } })
      const dir = yield* tempDir
      const texts = Array.from({ length: 30 }, (_, i) => `p${i}`)
      const opts = options(server.url, dir, { concurrency: 2, retries: 5, breakerFailures: 6 })
      const error = failure(yield* Effect.exit(askAll(opts, texts)))
      assert.strictEqual(error._tag, "LlmCircuitOpen")
      assert.isAtMost(server.received.length, 7)
      assert.notInclude(error.message, "\n")
      assert.notInclude(error.message, "<")
      assert.include(error.message, `the server answered an HTML page titled "502 Bad Gateway", not JSON: does the base URL end in /v1?`)
      assert.match(error.message, /^stopped asking http:\/\/127\.0\.0\.1:\d+\/v1 after 6 failed attempts in a row; the last: /)
    }))

  it.live("a long message quoting the key is masked before it is shortened, so no part of the key is left", () =>
    Effect.gen(function*() {
      const key = "sk-abcdefghijklmnop"
      const server = yield* startChatServer(() => ({ status: 400, body: { error: { message: `${"x".repeat(190)} ${key} y` } } }))
      const dir = yield* tempDir
      const error = failure(yield* Effect.exit(run(options(server.url, dir, { apiKey: Redacted.make(key) }), ask("a"))))
      assert.notInclude(error.message, "sk-abc")
      assert.include(error.message, "x <redac")
    }))

  it.live("an HTML page with status 200 is named as one", () =>
    Effect.gen(function*() {
      const server = yield* startFaultServer({ seed: 10, faults: { "html-ok": 1 } })
      const dir = yield* tempDir
      const error = failure(yield* Effect.exit(run(options(server.url, dir, { retries: 0 }), ask("a"))))
      assert.strictEqual(
        error.message,
        `LLM endpoint ${server.url} gave no usable answer: the server answered an HTML page titled "Open WebUI", not JSON: does the base URL end in /v1?`
      )
    }))
})

describe("LlmClient records who produced each answer", () => {
  it.live("the endpoint, the model the server reported and its fingerprint, also for answers from the cache", () =>
    Effect.gen(function*() {
      const old = yield* startFaultServer({ seed: 11, faults: {}, model: "m-old", fingerprint: "fp_1" })
      const other = yield* startFaultServer({ seed: 12, faults: {}, model: "m-new" })
      const dir = yield* tempDir
      yield* askAll(options(old.url, dir), ["a"])
      const second = yield* askAll(options(other.url, dir), ["a", "b"])
      // Sorted by canonical JSON, so by endpoint first: the ports decide the order.
      const expected = [
        { endpoint: old.url, model: "m-old", systemFingerprint: "fp_1" },
        { endpoint: other.url, model: "m-new", systemFingerprint: null }
      ].sort((a, b) => (a.endpoint < b.endpoint ? -1 : 1))
      assert.deepStrictEqual(second.producers, expected)
    }))
})

describe("LlmClient's progress line", () => {
  it.live("says every progressSeconds, while requests are sent, what the run has seen so far", () =>
    Effect.gen(function*() {
      const server = yield* startFaultServer({ seed: 13, faults: {}, latencyMillis: 400 })
      const dir = yield* tempDir
      const lines: Array<string> = []
      yield* run(options(server.url, dir, { progressSeconds: 0.15 }), ask("slow")).pipe(
        Effect.provide(Logger.layer([Logger.make((entry) => void lines.push(Logger.formatSimple.log(entry)))]))
      )
      const progress = lines.filter((line) => line.includes("LLM progress: "))
      assert.isAtLeast(progress.length, 1)
      assert.include(progress[0], "1 requests (0 from the response cache), 1 sent, 0 retries")
      assert.include(progress[0], "1 in flight, concurrency 4")
    }))
})
