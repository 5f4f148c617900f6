import { assert, describe, it } from "@effect/vitest"
import { Effect, Logger, Redacted, References } from "effect"
import * as fs from "node:fs"
import { requestKey } from "./requestKey.ts"
import { startChatServer } from "#testing"
import { ask, closedPort, failure, filesUnder, options, run, tempDir } from "./client.fixture.ts"

const secret = "sk-secret-123"

/** Collects every log line, debug ones included, as the simple format prints them. */
const collectLogs = Effect.sync(() => {
  const lines: Array<string> = []
  const logger = Logger.make((entry) => {
    lines.push(Logger.formatSimple.log(entry))
  })
  return {
    lines,
    capture: <A, E, R>(effect: Effect.Effect<A, E, R>) =>
      effect.pipe(Effect.provide(Logger.layer([logger])), Effect.provideService(References.MinimumLogLevel, "Debug"))
  }
})

/** Sets environment variables for the rest of the test, and restores them after it. */
const withEnv = (vars: Record<string, string>) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const before = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]))
      Object.assign(process.env, vars)
      return before
    }),
    (before) =>
      Effect.sync(() => {
        for (const [name, value] of Object.entries(before)) {
          if (value === undefined) delete process.env[name]
          else process.env[name] = value
        }
      })
  )

describe("LlmClient keeps secrets", () => {
  it.live("sends the API key but never writes it to a cache file, an error, a log line or the stats", () =>
    Effect.gen(function*() {
      // The server quotes the key back: in a 5xx that is retried (and logged), then in a 401.
      const server = yield* startChatServer((n) =>
        n === 1
          ? {}
          : n === 2
          ? { status: 500, body: { error: { message: `upstream rejected ${secret}` } } }
          : { status: 401, body: { error: { message: `Incorrect API key provided: ${secret}` } } }
      )
      const dir = yield* tempDir
      const logs = yield* collectLogs
      const keyed = options(server.url, dir, { apiKey: Redacted.make(secret) })
      const { stats } = yield* logs.capture(run(keyed, ask("Kept")))
      const error = failure(yield* Effect.exit(logs.capture(run(keyed, ask("Refused")))))
      assert.deepStrictEqual(server.received.map((r) => r.authorization), Array(3).fill(`Bearer ${secret}`))
      assert.strictEqual(error._tag, "LlmHttpError")
      assert.include(error.message, "Incorrect API key provided: <redacted>")
      assert.notInclude(error.message, secret)
      assert.notInclude(JSON.stringify(error), secret)
      assert.notInclude(String(error), secret)
      assert.notInclude(JSON.stringify(stats), secret)
      // The retried 5xx was logged, masked.
      assert.isTrue(logs.lines.some((line) => line.includes("upstream rejected <redacted>")), logs.lines.join("\n"))
      for (const line of logs.lines) assert.notInclude(line, secret)
      const files = filesUnder(dir)
      assert.strictEqual(files.length, 1)
      for (const file of files) assert.notInclude(fs.readFileSync(file, "utf8"), secret)
    }))

  it.live("keys the cache without the API key: another key finds the same answer", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(() => ({}))
      const dir = yield* tempDir
      yield* run(options(server.url, dir, { apiKey: Redacted.make(secret) }), ask("Shared"))
      const other = options(server.url, dir, { apiKey: Redacted.make("sk-other") })
      const { answers: [answer] } = yield* run(other, ask("Shared"))
      assert.isTrue(answer.cached)
      assert.strictEqual(server.received.length, 1)
      const key = requestKey("test-model", ask("Shared"))
      assert.deepStrictEqual(filesUnder(dir).map((file) => file.endsWith(`${key}.json`)), [true])
    }))

  it.live("takes nothing from OpenAI's environment variables: no admin key, no default key", () =>
    Effect.gen(function*() {
      yield* withEnv({ OPENAI_ADMIN_KEY: "sk-admin-env", OPENAI_API_KEY: "sk-openai-env" })
      const server = yield* startChatServer(() => ({}))
      const dir = yield* tempDir
      yield* run(options(server.url, dir, { apiKey: Redacted.make(secret) }), ask("Mine"))
      yield* run(options(server.url, dir), ask("None"))
      assert.deepStrictEqual(server.received.map((r) => r.authorization), [`Bearer ${secret}`, "Bearer unused"])
    }))

  it.live("names an endpoint in errors without the credentials or query of its URL", () =>
    Effect.gen(function*() {
      const port = yield* closedPort
      const dir = yield* tempDir
      const url = `http://user:sk-in-url@127.0.0.1:${port}/v1?api-key=sk-in-query`
      const error = failure(yield* Effect.exit(run(options(url, dir, { retries: 0 }), ask("Anyone?"))))
      assert.strictEqual(error._tag, "LlmUnreachable")
      assert.include(error.message, `LLM endpoint http://127.0.0.1:${port}/v1 could not be reached`)
      for (const text of [error.message, JSON.stringify(error)]) {
        assert.notInclude(text, "sk-in-url")
        assert.notInclude(text, "sk-in-query")
      }
    }))
})
