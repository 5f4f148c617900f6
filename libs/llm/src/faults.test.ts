import { assert, describe, it } from "@effect/vitest"
import { Effect, Logger, Option, Redacted, References } from "effect"
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import { countsAddUp, faultKinds, startFaultServer } from "#testing"
import { ask, clientLayer, filesUnder, options, tempDir } from "./client.fixture.ts"
import { LlmClient } from "./LlmClient.ts"
import type { LlmOptions } from "./LlmOptions.ts"

const secret = "sk-fault-test-key-9f8e7d"
const worker = new URL("./worker.fixture.ts", import.meta.url).pathname

/** The fault server's good answers start so; anything else is what a stage's parser would call malformed. */
const accept = (content: string) => (content.startsWith("echo: ") ? Option.none() : Option.some("malformed"))

/** Asks for every text with `accept`, collecting every log line (debug included). */
const askAll = (opts: LlmOptions, texts: ReadonlyArray<string>, lines: Array<string>) =>
  Effect.gen(function*() {
    const llm = yield* LlmClient
    const answers = yield* Effect.forEach(texts, (text) => llm.complete(ask(text), { accept }), { concurrency: "unbounded" })
    return { answers, stats: yield* llm.stats }
  }).pipe(
    Effect.provide(clientLayer(opts)),
    Effect.provide(Logger.layer([Logger.make((entry) => void lines.push(Logger.formatSimple.log(entry)))])),
    Effect.provideService(References.MinimumLogLevel, "Debug")
  )

/** Runs the worker fixture; resolves with its exit code and output. */
const runWorker = (args: ReadonlyArray<string>, onSpawn: (kill: () => void) => void = () => {}) =>
  Effect.callback<{ code: number | null; output: string }>((resume) => {
    const child = spawn(process.execPath, [worker, ...args], { stdio: ["ignore", "pipe", "pipe"] })
    let output = ""
    child.stdout.on("data", (data) => (output += data))
    child.stderr.on("data", (data) => (output += data))
    child.on("exit", (code) => resume(Effect.succeed({ code, output })))
    onSpawn(() => child.kill("SIGKILL"))
  })

/** Cache files under `dir`, tolerating the temporaries that come and go while a process writes. */
const answeredFiles = (dir: string): number => {
  try {
    return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".json")).length
  } catch {
    return 0
  }
}

const sum = (counts: object) =>
  Object.values(counts as Record<string, number>).reduce((a, b) => a + b, 0)

describe("LlmClient against a server making every fault", () => {
  it.live("500 requests through every kind of fault: each ends answered or rejected with its reason, the counts add up, no key anywhere", () =>
    Effect.gen(function*() {
      const texts = Array.from({ length: 500 }, (_, i) => `passage ${i}`)
      const mix = Object.fromEntries(faultKinds.map((kind) => [kind, kind === "rate-limited" ? 0.005 : 0.02]))
      const server = yield* startFaultServer({ seed: 42, faults: mix, latencyMillis: 5, quoteKey: true })
      const dir = yield* tempDir
      const opts = options(server.url, dir, {
        apiKey: Redacted.make(secret),
        concurrency: 32,
        retries: 10,
        answerRetries: 1,
        firstTokenTimeoutSeconds: 1,
        idleTimeoutSeconds: 1,
        breakerFailures: 100
      })
      const lines: Array<string> = []
      const { answers, stats } = yield* askAll(opts, texts, lines)

      const failures = server.received.filter((r) => r.fault !== null && !["truncated", "malformed", "empty"].includes(r.fault))
      assert.isAbove(failures.length, 30)
      // Every answer is the right one, or rejected with the reason of its last attempt.
      const rejected = answers.filter((a) => a.rejected !== null)
      assert.isAbove(rejected.length, 0)
      for (const [i, answer] of answers.entries()) {
        if (answer.rejected === null) assert.strictEqual(answer.content, `echo: ${texts[i]}`)
        else assert.include(["empty", "truncated", "malformed"], answer.rejected)
      }
      assert.strictEqual(answers.length, 500)
      assert.strictEqual(stats.requests, 500)
      assert.strictEqual(sum(stats.rejected), rejected.length)
      assert.strictEqual(stats.attempts, server.received.length)
      // Each bad answer received was asked again or, the second, given up; each hang a first-token timeout.
      assert.deepStrictEqual(
        countsAddUp(server.received, {
          retries: stats.retries,
          timeouts: sum(stats.timeouts),
          badAnswers: sum(stats.badAnswers) + sum(stats.rejected),
          rateLimitWaits: stats.rateLimitWaits
        }),
        []
      )
      assert.isAtLeast(stats.timeouts.firstToken, server.received.filter((r) => r.fault === "hang").length)
      assert.isAtLeast(stats.timeouts.idle, 1)

      // The key was sent, and quoted back by the server, but is in no file and no log line.
      assert.isTrue(server.received.length > 0)
      for (const file of filesUnder(dir)) assert.notInclude(fs.readFileSync(file, "utf8"), secret, file)
      assert.isAbove(lines.length, failures.length)
      for (const line of lines) assert.notInclude(line, secret)
      assert.isTrue(lines.some((line) => line.includes("<redacted>")))
    }), 60_000)

  it.live("killed mid-run, a rerun asks for nothing already answered and ends as a run that was never killed", () =>
    Effect.gen(function*() {
      const server = yield* startFaultServer({ seed: 43, faults: {}, latencyMillis: 20 })
      const dir = yield* tempDir
      const n = 300
      const killed = yield* runWorker([server.url, dir, String(n)], (kill) => {
        const poll = setInterval(() => {
          if (answeredFiles(dir) >= 60) {
            clearInterval(poll)
            kill()
          }
        }, 5)
      })
      assert.isNull(killed.code)
      const answered = new Set(filesUnder(dir).filter((file) => file.endsWith(".json")).map((file) => {
        const entry = JSON.parse(fs.readFileSync(file, "utf8")) as { request: { messages: Array<{ content: string }> } }
        return entry.request.messages[1].content
      }))
      assert.isAbove(answered.size, 59)
      assert.isBelow(answered.size, n)
      const before = server.received.length
      const rerun = yield* runWorker([server.url, dir, String(n)])
      assert.deepStrictEqual(JSON.parse(rerun.output), { answers: n, wrong: 0 })
      const askedAgain = server.received.slice(before).map((r) => (r.body.messages as Array<{ content: string }>)[1].content)
      assert.deepStrictEqual(askedAgain.filter((text) => answered.has(text)), [])
      assert.strictEqual(new Set(askedAgain).size + answered.size, n)
    }), 60_000)

  it.live("processes sharing a cache folder, writing the same keys at once, lose nothing and read no half answer", () =>
    Effect.gen(function*() {
      const server = yield* startFaultServer({ seed: 44, faults: {}, latencyMillis: 2 })
      const dir = yield* tempDir
      const n = 120
      // Four processes, two in each order: every key is written by several of them, often at the same moment.
      const results = yield* Effect.all(
        ["forward", "reverse", "forward", "reverse"].map((order) => runWorker([server.url, dir, String(n), order])),
        { concurrency: "unbounded" }
      )
      for (const result of results) assert.deepStrictEqual(JSON.parse(result.output), { answers: n, wrong: 0 })
      const files = filesUnder(dir)
      assert.strictEqual(files.length, n)
      assert.isTrue(files.every((file) => /\/[0-9a-f]{64}\.json$/.test(file)))
      // A fifth process finds every answer in the cache.
      const before = server.received.length
      const last = yield* runWorker([server.url, dir, String(n)])
      assert.deepStrictEqual(JSON.parse(last.output), { answers: n, wrong: 0 })
      assert.strictEqual(server.received.length, before)
    }), 60_000)
})
