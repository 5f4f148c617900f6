import * as http from "node:http"
import type { Socket } from "node:net"
import { Effect } from "effect"

/** What can go wrong with one request, as real servers and the proxies before them do it. */
export const faultKinds = [
  /** 429 with `Retry-After` (in seconds, or as an HTTP date on every other one). */
  "rate-limited",
  /** 500 with a JSON error. */
  "server-error",
  /** 502 with a proxy's HTML page. */
  "html-error",
  /** 200 with an HTML page (a web UI where the API was expected). */
  "html-ok",
  /** No answer at all: the connection stays open and silent. */
  "hang",
  /** Streams the first chunk, then goes silent. */
  "stall",
  /** The connection is reset without an answer. */
  "reset",
  /** The answer cut in half, `finish_reason: "length"`. */
  "truncated",
  /** Text no parser takes for an answer. */
  "malformed",
  /** An empty answer. */
  "empty"
] as const
export type FaultKind = (typeof faultKinds)[number]

/** The probability of each fault per request; what is left is a good answer. */
export type FaultMix = Partial<Record<FaultKind, number>>

export interface FaultServerOptions {
  /** Seeds the draw of faults, so that a mix gives the same sequence of faults for the same sequence of arrivals. */
  readonly seed: number
  readonly faults: FaultMix
  /** Delay before a good answer's first byte. */
  readonly latencyMillis?: number
  /** The good answer's text for a request (default: `echo: <last user message>`). */
  readonly answer?: (body: Record<string, unknown>) => string
  /** Whether the server streams when asked to (default true); false answers a streamed request with plain JSON. */
  readonly streams?: boolean
  /** The model name the server reports, and its `system_fingerprint` (none when absent). */
  readonly model?: string
  readonly fingerprint?: string
  /** Quote the request's `authorization` header in 500 bodies and HTML pages, as careless proxies do. */
  readonly quoteKey?: boolean
}

export interface Received {
  readonly body: Record<string, unknown>
  readonly fault: FaultKind | null
  readonly abandoned: boolean
}

export interface FaultServer {
  /** The base URL an OpenAI client takes, `http://127.0.0.1:PORT/v1`. */
  readonly url: string
  /**
   * Every request, in arrival order, with the fault it got (null: a good answer), and whether the client hung up
   * before the answer was complete (it gave up on a hang, a stall, or an answer slower than its timeouts).
   */
  readonly received: ReadonlyArray<Received>
  /** Requests whose last user message is `text`. */
  readonly sent: (text: string) => number
  /** Changes the mix for the requests that arrive from now on. */
  readonly setFaults: (faults: FaultMix) => void
}

/** mulberry32: a small seeded generator, enough to draw faults reproducibly. */
const generator = (seed: number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const lastUser = (body: Record<string, unknown>): string => {
  const messages = (body.messages ?? []) as ReadonlyArray<{ role: string; content: string }>
  return messages.findLast((message) => message.role === "user")?.content ?? ""
}

const htmlPage = (title: string) =>
  `<!DOCTYPE html>\n<html>\n<head><title>${title}</title></head>\n<body>\n<h1>${title}</h1>\n<hr><center>nginx</center>\n</body>\n</html>\n`

/**
 * An OpenAI-compatible chat-completions server on 127.0.0.1 that makes the faults of `faults` happen, drawn per
 * request with a seeded generator; streams (SSE) when asked to. Stops when the scope closes, hung connections
 * included.
 */
export const startFaultServer = (options: FaultServerOptions) =>
  Effect.acquireRelease(
    Effect.callback<{ server: http.Server; sockets: Set<Socket> } & FaultServer>((resume) => {
      const random = generator(options.seed)
      let faults = options.faults
      const received: Array<{ body: Record<string, unknown>; fault: FaultKind | null; abandoned: boolean }> = []
      const counts = new Map<string, number>()
      const sockets = new Set<Socket>()
      const model = options.model ?? "fault-model"
      let rateLimits = 0

      const draw = (): FaultKind | null => {
        let roll = random()
        for (const kind of faultKinds) {
          roll -= faults[kind] ?? 0
          if (roll < 0) return kind
        }
        return null
      }

      const server = http.createServer((request, response) => {
        let text = ""
        request.on("data", (chunk) => (text += chunk))
        request.on("end", () => {
          const body = JSON.parse(text) as Record<string, unknown>
          const fault = draw()
          const entry = { body, fault, abandoned: false }
          received.push(entry)
          response.on("close", () => {
            if (!response.writableFinished && fault !== "reset") entry.abandoned = true
          })
          const user = lastUser(body)
          counts.set(user, (counts.get(user) ?? 0) + 1)
          const good = options.answer?.(body) ?? `echo: ${user}`
          const content = fault === "truncated"
            ? good.slice(0, Math.floor(good.length / 2))
            : fault === "malformed"
            ? "I am sorry, but I cannot help with that request."
            : fault === "empty"
            ? ""
            : good
          const finishReason = fault === "truncated" ? "length" : "stop"
          const usage = { prompt_tokens: user.length, completion_tokens: content.length, total_tokens: user.length + content.length }
          const fingerprint = options.fingerprint === undefined ? {} : { system_fingerprint: options.fingerprint }
          const quoted = options.quoteKey === true ? ` (${request.headers.authorization ?? ""})` : ""
          switch (fault) {
            case "hang":
              return
            case "reset":
              request.socket.destroy()
              return
            case "rate-limited": {
              rateLimits += 1
              const retryAfter = rateLimits % 2 === 0 ? new Date(Date.now() + 1000).toUTCString() : "1"
              response.writeHead(429, { "content-type": "application/json", "retry-after": retryAfter })
              response.end(JSON.stringify({ error: { message: "rate limited", type: "rate_limit_error" } }))
              return
            }
            case "server-error":
              response.writeHead(500, { "content-type": "application/json" })
              response.end(JSON.stringify({ error: { message: `internal error${quoted}\nat worker 3`, type: "server_error" } }))
              return
            case "html-error":
              response.writeHead(502, { "content-type": "text/html" })
              response.end(htmlPage(`502 Bad Gateway${quoted}`))
              return
            case "html-ok":
              response.writeHead(200, { "content-type": "text/html" })
              response.end(htmlPage("Open WebUI"))
              return
          }
          setTimeout(() => {
            if (body.stream === true && options.streams !== false) {
              response.writeHead(200, { "content-type": "text/event-stream" })
              const chunk = (delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}) =>
                response.write(`data: ${
                  JSON.stringify({
                    id: "chatcmpl-fault",
                    object: "chat.completion.chunk",
                    created: 0,
                    model,
                    ...fingerprint,
                    choices: [{ index: 0, delta, finish_reason: finish }],
                    ...extra
                  })
                }\n\n`)
              chunk({ role: "assistant", content: "" }, null)
              if (fault === "stall") return
              const half = Math.ceil(content.length / 2)
              chunk({ content: content.slice(0, half) }, null)
              chunk({ content: content.slice(half) }, null)
              chunk({}, finishReason)
              response.write(`data: ${JSON.stringify({ id: "chatcmpl-fault", object: "chat.completion.chunk", created: 0, model, choices: [], usage })}\n\n`)
              response.end("data: [DONE]\n\n")
              return
            }
            if (fault === "stall") return
            response.writeHead(200, { "content-type": "application/json" })
            response.end(JSON.stringify({
              id: "chatcmpl-fault",
              object: "chat.completion",
              created: 0,
              model,
              ...fingerprint,
              choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: finishReason }],
              usage
            }))
          }, options.latencyMillis ?? 0)
        })
      })
      server.on("connection", (socket) => {
        sockets.add(socket)
        socket.on("close", () => sockets.delete(socket))
      })
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number }
        resume(Effect.succeed({
          server,
          sockets,
          url: `http://127.0.0.1:${port}/v1`,
          received,
          sent: (text: string) => counts.get(text) ?? 0,
          setFaults: (mix: FaultMix) => {
            faults = mix
          }
        }))
      })
    }),
    ({ server, sockets }) =>
      Effect.callback<void>((resume) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resume(Effect.void))
      })
  )

/** Whether `value` lies in `[low, high]`. */
const within = (value: number, low: number, high: number) => value >= low && value <= high

/**
 * Checks a client's counts against what the server saw, returning what does not add up (empty when all does).
 * Requests the client hung up on (a hang, a stall, an answer slower than its timeouts) are each a timeout and a
 * retry; on a busy machine a client may also give up on an answer the server had finished writing, so up to
 * `timeouts - abandoned` received faults may have gone uncounted, and no more.
 */
export const countsAddUp = (
  received: ReadonlyArray<Received>,
  counts: { readonly retries: number; readonly timeouts: number; readonly badAnswers: number; readonly rateLimitWaits: number }
): ReadonlyArray<string> => {
  const seen = received.filter((r) => !r.abandoned)
  const count = (kinds: ReadonlyArray<FaultKind>) => seen.filter((r) => r.fault !== null && kinds.includes(r.fault)).length
  const abandoned = received.length - seen.length
  const slack = counts.timeouts - abandoned
  const transport = count(["rate-limited", "server-error", "html-error", "html-ok", "reset"])
  const bad = count(["truncated", "malformed", "empty"])
  const rateLimited = count(["rate-limited"])
  return [
    slack >= 0 ? "" : `${counts.timeouts} timeouts for ${abandoned} requests hung up on`,
    within(counts.retries - counts.timeouts, transport - slack, transport) ? "" : `${counts.retries} retries, ${counts.timeouts} timeouts, ${transport} failures sent`,
    within(counts.badAnswers, bad - slack, bad) ? "" : `${counts.badAnswers} bad answers counted, ${bad} sent`,
    within(counts.rateLimitWaits, rateLimited - slack, rateLimited) ? "" : `${counts.rateLimitWaits} rate-limit waits, ${rateLimited} sent`
  ].filter((problem) => problem !== "")
}
