import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodePath from "@effect/platform-node/NodePath"
import { Context, Duration, Effect, Layer, Option, Redacted, Ref, Schema, Semaphore } from "effect"
import OpenAI from "openai"
import type { ChatAnswer, ChatRequest } from "./ChatRequest.ts"
import { LlmBadAnswer, LlmUnreachable, withRetries } from "./errors.ts"
import type { LlmError } from "./errors.ts"
import { defaultBackoffMillis } from "./LlmOptions.ts"
import type { LlmOptions } from "./LlmOptions.ts"
import { normaliseRequest, normalisedRequestKey } from "./requestKey.ts"
import type { NormalisedRequest } from "./requestKey.ts"
import { makeResponseCache } from "./ResponseCache.ts"
import type { StoredAnswer } from "./ResponseCache.ts"
import { retrySchedule } from "./retry.ts"
import { fromSdkError } from "./sdkError.ts"

/** Counts for a stage manifest. */
export interface LlmStats {
  /** `complete` calls. */
  readonly requests: number
  /** Of those, answered from the disk cache without any HTTP request. */
  readonly cacheHits: number
  /** HTTP attempts repeated after a retryable failure. */
  readonly retries: number
}

/** The part of a chat-completions answer we use; everything else the server sends is ignored. */
const CompletionBody = Schema.Struct({
  model: Schema.optionalKey(Schema.String),
  choices: Schema.Array(Schema.Struct({
    message: Schema.Struct({ content: Schema.optionalKey(Schema.NullOr(Schema.String)) }),
    finish_reason: Schema.optionalKey(Schema.NullOr(Schema.String))
  }))
})
const decodeCompletionBody = Schema.decodeUnknownEffect(CompletionBody)

/** Every request to a language model: one OpenAI-compatible server, a concurrency limit, retries and a disk cache. */
export class LlmClient extends Context.Service<LlmClient, {
  readonly complete: (request: ChatRequest) => Effect.Effect<ChatAnswer, LlmError>
  readonly stats: Effect.Effect<LlmStats>
}>()("finerweb/llm/LlmClient") {
  static readonly layer = (options: LlmOptions): Layer.Layer<LlmClient> =>
    Layer.effect(LlmClient, make(options)).pipe(Layer.provide([NodeFileSystem.layer, NodePath.layer]))
}

const make = Effect.fnUntraced(function*(options: LlmOptions) {
  const baseUrl = options.baseUrl
  const apiKey = Redacted.make(process.env[options.apiKeyEnv] || "unused")
  // Servers sometimes quote the key they rejected; it must not travel on in our errors.
  const mask = (text: string): string => {
    const key = Redacted.value(apiKey)
    return key === "unused" ? text : text.split(key).join("<redacted>")
  }
  const client = new OpenAI({
    apiKey: Redacted.value(apiKey),
    baseURL: baseUrl,
    maxRetries: 0,
    // Not picked up from OPENAI_ORG_ID / OPENAI_PROJECT_ID: those belong to OpenAI, not to any server we are given.
    organization: null,
    project: null
  })
  const cache = yield* makeResponseCache(options.cacheDir)
  const permits = yield* Semaphore.make(options.concurrency)
  const counts = yield* Ref.make<LlmStats>({ requests: 0, cacheHits: 0, retries: 0 })
  const schedule = retrySchedule({
    retries: options.retries,
    backoffMillis: options.backoffMillis ?? defaultBackoffMillis
  })
  const timedOut = new LlmUnreachable({ baseUrl, reason: `timed out after ${options.timeoutSeconds} s`, retries: 0 })

  const toAnswer = Effect.fnUntraced(function*(body: unknown) {
    const decoded = yield* decodeCompletionBody(body).pipe(
      Effect.mapError((issue) => new LlmBadAnswer({ baseUrl, detail: `unexpected shape: ${issue.message}` }))
    )
    const choice = decoded.choices[0]
    if (choice === undefined) return yield* new LlmBadAnswer({ baseUrl, detail: "no choices" })
    const finishReason = choice.finish_reason ?? null
    const content = choice.message.content
    if (content === undefined || content === null) {
      return yield* new LlmBadAnswer({ baseUrl, detail: `no content (finish reason ${finishReason})` })
    }
    return { content, finishReason, model: decoded.model ?? options.model } satisfies StoredAnswer
  })

  /** One HTTP attempt, holding a permit only while it is in flight. */
  const attempt = (request: NormalisedRequest) =>
    Effect.tryPromise({
      try: (signal) =>
        client.chat.completions.create({
          model: request.model,
          messages: request.messages.map((message) => ({ ...message })),
          temperature: request.temperature,
          max_tokens: request.max_tokens,
          ...(request.top_p === null ? {} : { top_p: request.top_p }),
          ...(request.seed === null ? {} : { seed: request.seed })
        }, { signal }),
      catch: (error) => fromSdkError(error, baseUrl, mask)
    }).pipe(
      Effect.timeoutOrElse({ duration: Duration.seconds(options.timeoutSeconds), orElse: () => Effect.fail(timedOut) }),
      permits.withPermits(1),
      Effect.flatMap(toAnswer)
    )

  const fetchWithRetries = Effect.fnUntraced(function*(request: NormalisedRequest) {
    const attempts = yield* Ref.make(0)
    const retriesSoFar = Ref.get(attempts).pipe(Effect.map((n) => Math.max(0, n - 1)))
    return yield* Ref.update(attempts, (n) => n + 1).pipe(
      Effect.andThen(attempt(request)),
      Effect.retry(schedule),
      Effect.catch((error: LlmError) =>
        retriesSoFar.pipe(Effect.flatMap((retries) => Effect.fail(withRetries(error, retries))))
      ),
      Effect.ensuring(retriesSoFar.pipe(
        Effect.flatMap((retries) => Ref.update(counts, (c) => ({ ...c, retries: c.retries + retries })))
      ))
    )
  })

  const complete = Effect.fn("LlmClient.complete")(function*(chat: ChatRequest) {
    const request = normaliseRequest(options.model, chat)
    const key = normalisedRequestKey(request)
    yield* Ref.update(counts, (c) => ({ ...c, requests: c.requests + 1 }))
    const hit = yield* cache.read(key)
    if (Option.isSome(hit)) {
      yield* Ref.update(counts, (c) => ({ ...c, cacheHits: c.cacheHits + 1 }))
      return { ...hit.value, cached: true } satisfies ChatAnswer
    }
    const answer = yield* fetchWithRetries(request)
    // "length" answers are stored too: a truncated answer is still what the model said for this request.
    yield* cache.write({ key, request, answer })
    return { ...answer, cached: false } satisfies ChatAnswer
  })

  return LlmClient.of({ complete, stats: Ref.get(counts) })
})
