// Helpers for this library's tests only (not exported): a client on a loopback server (`#testing`'s chat server).
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Effect, Exit, Layer } from "effect"
import * as fs from "node:fs"
import * as http from "node:http"
import * as os from "node:os"
import * as path from "node:path"
import type { ChatRequest } from "./ChatRequest.ts"
import { LlmClient } from "./LlmClient.ts"
import type { LlmOptions } from "./LlmOptions.ts"
import { emptyStats, type LlmStats } from "./LlmStats.ts"

/** A port nothing listens on: bound once, then closed. */
export const closedPort = Effect.callback<number>((resume) => {
  const server = http.createServer()
  server.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as { port: number }
    server.close(() => resume(Effect.succeed(port)))
  })
})

export const tempDir = Effect.acquireRelease(
  Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "llm-test-"))),
  (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true }))
)

export const filesUnder = (dir: string): Array<string> =>
  fs.readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => path.join(dir, name))
    .filter((file) => fs.statSync(file).isFile())

export const options = (baseUrl: string, cacheDir: string, overrides: Partial<LlmOptions> = {}): LlmOptions => ({
  baseUrl,
  model: "test-model",
  concurrency: 4,
  timeoutSeconds: 5,
  retries: 3,
  cacheDir,
  backoffMillis: 1,
  ...overrides
})

export const ask = (content: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  messages: [{ role: "system", content: "You annotate entities." }, { role: "user", content }],
  temperature: 0,
  maxTokens: 32,
  ...extra
})

/** The client with Node's platform, as the application's entry point provides it. */
export const clientLayer = (opts: LlmOptions) => LlmClient.layer(opts).pipe(Layer.provide(NodeServices.layer))

/** Runs `complete` (and reads the stats) against a fresh layer, as a new process would. */
export const run = (opts: LlmOptions, ...requests: Array<ChatRequest>) =>
  Effect.gen(function*() {
    const llm = yield* LlmClient
    const answers = yield* Effect.forEach(requests, (request) => llm.complete(request), { concurrency: "unbounded" })
    return { answers, stats: yield* llm.stats }
  }).pipe(Effect.provide(clientLayer(opts)))

export const failure = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  const reason = exit.cause.reasons[0]
  if (reason?._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return reason.error
}

/** The stats of a run that counted only `counts`. */
export const statsOf = (counts: Partial<LlmStats>): LlmStats => ({ ...emptyStats, ...counts })

/** Who answers in these tests: the chat server reports "served-model" and no fingerprint. */
export const servedBy = (url: string) => ({ endpoint: url, model: "served-model", systemFingerprint: null })
