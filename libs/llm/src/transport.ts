import type OpenAI from "openai"
import type { NormalisedRequest } from "./requestKey.ts"

/** Which lack of progress ended an attempt: no first chunk, a silence between chunks, or the whole attempt too long. */
export type TimeoutKind = "first-token" | "idle" | "total"

/** Thrown by `streamCompletion` when one of its timers fired: the caller turns it into `LlmUnreachable`. */
export class ProgressTimeout extends Error {
  readonly kind: TimeoutKind
  readonly seconds: number
  constructor(kind: TimeoutKind, seconds: number) {
    super(
      kind === "total" ? `timed out after ${seconds} s` : `no ${kind === "first-token" ? "first token" : "chunk"} within ${seconds} s`
    )
    this.kind = kind
    this.seconds = seconds
  }
}

/** A server that answered a streamed request without streaming: the body it sent instead. */
export interface NotStreamed {
  readonly notStreamed: true
  readonly body: unknown
}

/** What one streamed answer adds up to, in the shape of a non-streamed chat-completions body. */
export interface StreamedBody {
  readonly model?: string
  readonly system_fingerprint?: string | null
  readonly choices: ReadonlyArray<{ readonly message: { readonly content: string }; readonly finish_reason: string | null }>
  readonly usage?: unknown
}

/**
 * `run` with a signal that also aborts `seconds` after the start, which then fails with a total `ProgressTimeout`:
 * a timer per attempt, where an effect's timeout would race two fibers.
 */
export const withinTotal = async <A>(seconds: number, signal: AbortSignal, run: (signal: AbortSignal) => Promise<A>): Promise<A> => {
  const controller = new AbortController()
  const abort = () => controller.abort()
  signal.addEventListener("abort", abort)
  let fired = false
  const timer = setTimeout(() => {
    fired = true
    controller.abort()
  }, seconds * 1000)
  try {
    const result = await run(controller.signal)
    // A stream the SDK ended quietly on the abort must still fail.
    if (fired) throw new ProgressTimeout("total", seconds)
    return result
  } catch (error) {
    throw fired ? new ProgressTimeout("total", seconds) : error
  } finally {
    clearTimeout(timer)
    signal.removeEventListener("abort", abort)
  }
}

/** The body of a chat-completions request: the normalised request with `maxTokens` in the field it names. */
export const wireRequest = (request: NormalisedRequest, maxTokens: number) => ({
  model: request.model,
  messages: request.messages.map((message) => ({ ...message })),
  temperature: request.temperature,
  ...(request.token_limit === "max_completion_tokens" ? { max_completion_tokens: maxTokens } : { max_tokens: maxTokens }),
  ...(request.top_p === null ? {} : { top_p: request.top_p }),
  ...(request.seed === null ? {} : { seed: request.seed }),
  ...(request.response_format === undefined ? {} : { response_format: request.response_format })
})

const parseBody = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    // Not JSON (an HTML page, say): handed over as text, for the caller to describe.
    return text
  }
}

/**
 * One streamed chat completion, assembled. It is aborted when no chunk arrives within `firstTokenSeconds` of the
 * request, or within `idleSeconds` of the previous chunk, so that a hung request ends on lack of progress rather
 * than on the total timeout. A response that is not `text/event-stream` is read whole and handed back as
 * `NotStreamed`. `onProgress` is called on every chunk (on the whole body, when not streamed).
 */
export const streamCompletion = async (
  client: OpenAI,
  body: ReturnType<typeof wireRequest>,
  timeouts: { readonly firstTokenSeconds: number; readonly idleSeconds: number },
  signal: AbortSignal,
  onProgress: () => void
): Promise<StreamedBody | NotStreamed> => {
  const controller = new AbortController()
  const abort = () => controller.abort()
  signal.addEventListener("abort", abort)
  let fired: ProgressTimeout | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  const arm = (kind: TimeoutKind, seconds: number) => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      fired = new ProgressTimeout(kind, seconds)
      controller.abort()
    }, seconds * 1000)
  }
  arm("first-token", timeouts.firstTokenSeconds)
  try {
    const { data, response } = await client.chat.completions.create(
      { ...body, stream: true, stream_options: { include_usage: true } },
      { signal: controller.signal }
    ).withResponse()
    if (!(response.headers.get("content-type") ?? "").includes("text/event-stream")) {
      const text = await response.text()
      onProgress()
      return { notStreamed: true, body: parseBody(text) }
    }
    let content = ""
    let finishReason: string | null = null
    let model: string | undefined
    let fingerprint: string | null = null
    let usage: unknown
    for await (const chunk of data) {
      onProgress()
      arm("idle", timeouts.idleSeconds)
      model ??= chunk.model
      fingerprint ??= chunk.system_fingerprint ?? null
      if (chunk.usage !== undefined && chunk.usage !== null) usage = chunk.usage
      const choice = chunk.choices[0]
      if (choice === undefined) continue
      content += choice.delta?.content ?? ""
      finishReason = choice.finish_reason ?? finishReason
    }
    // The SDK ends a stream quietly when it is aborted: a fired timer must still fail the attempt.
    if (fired !== undefined) throw fired
    return {
      ...(model === undefined ? {} : { model }),
      system_fingerprint: fingerprint,
      choices: [{ message: { content }, finish_reason: finishReason }],
      ...(usage === undefined ? {} : { usage })
    }
  } catch (error) {
    throw fired ?? error
  } finally {
    clearTimeout(timer)
    signal.removeEventListener("abort", abort)
  }
}
