import * as http from "node:http"
import { Effect } from "effect"
import { type BatchApi, batchApi, type BatchOptions } from "./batch-server.ts"

/** What the test server answers one request with: an HTTP status, headers and a JSON body, after an optional delay. */
export interface Reply {
  readonly status?: number
  readonly headers?: Record<string, string>
  readonly body?: unknown
  readonly delayMillis?: number
}

/** One request the server received. */
export interface Received {
  readonly authorization: string | undefined
  readonly body: Record<string, unknown>
  /** `Date.now()` on arrival. */
  readonly at: number
}

/** A chat-completions body with one choice and the usage a server reports. */
export const completion = (
  content: string | null,
  finishReason = "stop",
  usage: { readonly prompt_tokens: number; readonly completion_tokens: number } = { prompt_tokens: 11, completion_tokens: 7 }
) => ({
  id: "chatcmpl-test",
  object: "chat.completion",
  created: 0,
  model: "served-model",
  choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: finishReason }],
  usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens }
})

/** The text of the last user message of a request's body. */
export const lastUserMessage = (body: Record<string, unknown>): string => {
  const messages = body.messages as ReadonlyArray<{ role: string; content: string }>
  return messages.findLast((message) => message.role === "user")?.content ?? ""
}

export interface ChatServer {
  /** The base URL an OpenAI client takes, e.g. `http://127.0.0.1:PORT/v1`. */
  readonly url: string
  /** Every request, in arrival order. */
  readonly received: ReadonlyArray<Received>
  /** The most requests that were in flight at once. */
  readonly peak: () => number
  /** The Batch API's batches and files; their requests are not in `received`. */
  readonly batches: Omit<BatchApi, "handle">
}

/**
 * A scripted OpenAI-compatible server on 127.0.0.1 for tests: answers the n-th request (from 1) with `reply(n, body)`
 * (by default `completion("answer <n>")`), and stops when the scope closes. It also serves the Batch API
 * (`batch-server.ts`), whose m-th request over all batches is answered with the body of `reply(m, body)`.
 */
export const startChatServer = (reply: (n: number, body: Record<string, unknown>) => Reply, batchOptions?: BatchOptions) =>
  Effect.acquireRelease(
    Effect.callback<{ server: http.Server } & ChatServer>((resume) => {
      const received: Array<Received> = []
      let inFlight = 0
      let peak = 0
      let batchRequests = 0
      const batches = batchApi((body) => {
        batchRequests += 1
        return reply(batchRequests, body).body ?? completion(`answer ${batchRequests}`)
      }, batchOptions)
      const server = http.createServer((request, response) => {
        const chunks: Array<Buffer> = []
        request.on("data", (chunk: Buffer) => chunks.push(chunk))
        request.on("end", async () => {
          const bytes = Buffer.concat(chunks)
          const handled = await batches.handle(request.method ?? "", (request.url ?? "").split("?")[0], request.headers, bytes)
          if (handled !== null) {
            const text = typeof handled.body === "string" ? handled.body : JSON.stringify(handled.body)
            response.writeHead(handled.status, { "content-type": typeof handled.body === "string" ? "application/jsonl" : "application/json" })
            response.end(text)
            return
          }
          const body = JSON.parse(bytes.toString("utf8")) as Record<string, unknown>
          received.push({ authorization: request.headers.authorization, body, at: Date.now() })
          inFlight++
          peak = Math.max(peak, inFlight)
          const answer = reply(received.length, body)
          setTimeout(() => {
            inFlight--
            response.writeHead(answer.status ?? 200, { "content-type": "application/json", ...answer.headers })
            response.end(JSON.stringify(answer.body ?? completion(`answer ${received.length}`)))
          }, answer.delayMillis ?? 0)
        })
      })
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number }
        resume(Effect.succeed({ server, url: `http://127.0.0.1:${port}/v1`, received, peak: () => peak, batches }))
      })
    }),
    ({ server }) =>
      Effect.callback<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  )
