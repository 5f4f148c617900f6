/**
 * LLM client throughput and cost: our LlmClient (response cache on, every answer written) against the bare openai
 * SDK at the same concurrency, in one run, against the fault server (no faults) in a child process: requests/s at a
 * fixed 200 ms latency beside the ideal (concurrency / latency), and CPU ms per request against a zero-latency server.
 * Our client streams by default, so `ratio client/sdk` holds it against the bare SDK streaming too; the ratio to the
 * bare SDK without streaming follows. On a busy machine the client's extra CPU per request shows in the throughput
 * ratio: run it on a quiet one.
 *
 *   npm run bench:llm -- [requests=2000] [concurrency=64]
 */
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Effect, Layer } from "effect"
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import OpenAI from "openai"
import { LlmClient } from "#llm"
import { startFaultServer } from "#testing"

const latencyMillis = 200

/** `llm.ts serve <latency>`: the server side, printing its URL and running until killed. */
if (process.argv[2] === "serve") {
  await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
    const server = yield* startFaultServer({ seed: 1, faults: {}, latencyMillis: Number(process.argv[3]) })
    console.log(server.url)
    yield* Effect.never
  })))
}

const requests = Number(process.argv[2] ?? 2000)
const concurrency = Number(process.argv[3] ?? 64)
const model = "bench-model"

const serve = (latency: number) =>
  new Promise<{ url: string; child: ChildProcess }>((resolve) => {
    const child = spawn(process.execPath, [import.meta.filename, "serve", String(latency)], { stdio: ["ignore", "pipe", "inherit"] })
    child.stdout?.once("data", (data: Buffer) => resolve({ url: data.toString().trim(), child }))
  })

const prompt = (run: string, i: number) => `${run} passage ${i}: Ada Lovelace met Charles Babbage in London.`

/** Runs `one` for 0..n-1 with at most `concurrency` at once; returns wall seconds and CPU ms used. */
const timed = async (n: number, one: (i: number) => Promise<unknown>) => {
  const cpu = process.cpuUsage()
  const started = performance.now()
  let next = 0
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) await one(next++)
  }))
  const used = process.cpuUsage(cpu)
  return { seconds: (performance.now() - started) / 1000, cpuMillis: (used.user + used.system) / 1000 }
}

const sdkRun = (url: string, run: string) => {
  const sdk = new OpenAI({ baseURL: url, apiKey: "unused", maxRetries: 0 })
  return timed(requests, (i) =>
    sdk.chat.completions.create({
      model,
      messages: [{ role: "user", content: prompt(run, i) }],
      temperature: 0,
      max_tokens: 64
    }))
}

/** The bare SDK reading each answer as a stream, as our client does by default. */
const sdkStreamRun = (url: string, run: string) => {
  const sdk = new OpenAI({ baseURL: url, apiKey: "unused", maxRetries: 0 })
  return timed(requests, async (i) => {
    const stream = await sdk.chat.completions.create({
      model,
      messages: [{ role: "user", content: prompt(run, i) }],
      temperature: 0,
      max_tokens: 64,
      stream: true
    })
    for await (const _ of stream) continue
  })
}

/** Our client as a stage uses it: one `Effect.forEach` over the requests at the concurrency. */
const clientRun = async (url: string, run: string) => {
  const cacheDir = mkdtempSync(join(tmpdir(), "bench-llm-"))
  const layer = LlmClient.layer({ baseUrl: url, model, concurrency, timeoutSeconds: 60, retries: 2, cacheDir })
    .pipe(Layer.provide(NodeServices.layer))
  try {
    return await Effect.runPromise(Effect.gen(function*() {
      const llm = yield* LlmClient
      const cpu = process.cpuUsage()
      const started = performance.now()
      yield* Effect.forEach(
        Array.from({ length: requests }, (_, i) => i),
        (i) => llm.complete({ messages: [{ role: "user", content: prompt(run, i) }], temperature: 0, maxTokens: 64 }),
        { concurrency, discard: true }
      )
      const used = process.cpuUsage(cpu)
      return { seconds: (performance.now() - started) / 1000, cpuMillis: (used.user + used.system) / 1000 }
    }).pipe(Effect.provide(layer)))
  } finally {
    rmSync(cacheDir, { recursive: true, force: true })
  }
}

const slow = await serve(latencyMillis)
const fast = await serve(0)
try {
  // Warm both up (connections, JIT) on prompts the measured runs do not ask.
  await clientRun(fast.url, "warm-client")
  await sdkRun(fast.url, "warm-sdk")
  await sdkStreamRun(fast.url, "warm-sdk-stream")

  const client = await clientRun(slow.url, "client")
  const sdkStream = await sdkStreamRun(slow.url, "sdk-stream")
  const sdk = await sdkRun(slow.url, "sdk")
  const ideal = (concurrency * 1000) / latencyMillis
  const rate = (r: { seconds: number }) => requests / r.seconds
  const line = (r: { seconds: number }) => `${rate(r).toFixed(1)} requests/s (${(rate(r) / ideal).toFixed(3)} of ideal)`
  console.log(`${requests} requests at ${latencyMillis} ms latency, concurrency ${concurrency}:`)
  console.log(`  ideal                ${ideal.toFixed(1)} requests/s`)
  console.log(`  bare SDK, streamed   ${line(sdkStream)}`)
  console.log(`  bare SDK             ${line(sdk)}`)
  console.log(`  our client           ${line(client)}, streamed, cache on`)
  // Like with like: our client streams by default, so the bare SDK it is held against streams too.
  console.log(`ratio client/sdk: ${(rate(client) / rate(sdkStream)).toFixed(3)}`)
  console.log(`ratio client/sdk unstreamed: ${(rate(client) / rate(sdk)).toFixed(3)}`)

  const clientCpu = await clientRun(fast.url, "client-cpu")
  const sdkCpu = await sdkRun(fast.url, "sdk-cpu")
  const sdkStreamCpu = await sdkStreamRun(fast.url, "sdk-stream-cpu")
  const perRequest = (r: { cpuMillis: number }) => `${(r.cpuMillis / requests).toFixed(3)} ms`
  console.log(`CPU per request against a zero-latency server (${requests} requests):`)
  console.log(`  bare SDK             ${perRequest(sdkCpu)}`)
  console.log(`  bare SDK, streamed   ${perRequest(sdkStreamCpu)}`)
  console.log(`  our client           ${perRequest(clientCpu)} (streamed, cache written, counted)`)
  console.log(`peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`)
} finally {
  slow.child.kill()
  fast.child.kill()
}
