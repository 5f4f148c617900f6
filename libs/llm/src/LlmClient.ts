import type { FileSystem, Path } from "effect"
import { Context, Deferred, Duration, Effect, Layer, Option, Redacted, Ref, Schema, Semaphore } from "effect"
import OpenAI from "openai"
import { TokenUsage } from "./ChatRequest.ts"
import type { ChatAnswer, ChatRequest } from "./ChatRequest.ts"
import { describeEndpoint, endpointSecrets } from "./endpoint.ts"
import type { LlmEndpoint } from "./endpoint.ts"
import { LlmBadAnswer, LlmUnreachable, withRetries } from "./errors.ts"
import type { LlmError } from "./errors.ts"
import { defaultBackoffMillis } from "./LlmOptions.ts"
import type { LlmOptions } from "./LlmOptions.ts"
import type { LlmStats } from "./LlmStats.ts"
import { normaliseRequest, normalisedRequestKey } from "./requestKey.ts"
import type { NormalisedRequest } from "./requestKey.ts"
import { makeResponseCache } from "./ResponseCache.ts"
import type { StoredAnswer } from "./ResponseCache.ts"
import { retrySchedule } from "./retry.ts"
import { fromSdkError } from "./sdkError.ts"

/** The part of a chat-completions answer we use; everything else the server sends is ignored. */
const CompletionBody = Schema.Struct({
  model: Schema.optionalKey(Schema.String),
  choices: Schema.Array(Schema.Struct({
    message: Schema.Struct({ content: Schema.optionalKey(Schema.NullOr(Schema.String)) }),
    finish_reason: Schema.optionalKey(Schema.NullOr(Schema.String))
  })),
  usage: Schema.optionalKey(Schema.Unknown)
})
const decodeCompletionBody = Schema.decodeUnknownEffect(CompletionBody)

/** A usage the server did not send, or sent in a shape we cannot read, is none: the answer is still good. */
const decodeUsage = Schema.decodeUnknownOption(Schema.Struct({
  prompt_tokens: TokenUsage.fields.promptTokens,
  completion_tokens: TokenUsage.fields.completionTokens
}))

/** What one shared lookup found: the answer, and whether the disk cache held it. */
interface Found {
  readonly answer: StoredAnswer
  readonly fromDisk: boolean
}

/**
 * Every request to a language model: one OpenAI-compatible server, a concurrency limit, retries, a disk cache,
 * identical requests in flight coalesced into one, and usage counts. `endpoint` says who answers, for a lock.
 */
export class LlmClient extends Context.Service<LlmClient, {
  /**
   * One chat completion. A call identical (same cache key) to one already in flight makes no HTTP request: it
   * waits for that one and gets its answer with `cached: true` (counted as a cache hit), or its failure. A failure
   * is never kept: the next identical call asks again.
   */
  readonly complete: (request: ChatRequest) => Effect.Effect<ChatAnswer, LlmError>
  /** Counts since the layer was built; `llmUsage(stats)` is the part a manifest may hold (see `LlmStats`). */
  readonly stats: Effect.Effect<LlmStats>
  readonly endpoint: LlmEndpoint
}>()("finerweb/llm/LlmClient") {
  /** Requires the platform's file system and paths: the application's entry point provides them once. */
  static readonly layer = (options: LlmOptions): Layer.Layer<LlmClient, never, FileSystem.FileSystem | Path.Path> =>
    Layer.effect(LlmClient, make(options))
}

const make = Effect.fnUntraced(function*(options: LlmOptions) {
  // What errors and logs name: the URL without credentials or query string (the port kept: it helps to debug).
  const baseUrl = describeEndpoint(options.baseUrl)
  const endpoint: LlmEndpoint = {
    model: options.model,
    endpoint: options.endpointLabel ?? baseUrl,
    standIn: options.standIn ?? false
  }
  const key = options.apiKey === undefined ? "" : Redacted.value(options.apiKey)
  // Servers sometimes quote the key they rejected, and fetch the URL it refused: neither may travel on in our errors.
  const secrets = [key, ...endpointSecrets(options.baseUrl)].filter((secret) => secret !== "")
  const mask = (text: string): string => secrets.reduce((masked, secret) => masked.split(secret).join("<redacted>"), text)
  const client = new OpenAI({
    apiKey: key === "" ? "unused" : key,
    baseURL: options.baseUrl,
    maxRetries: 0,
    // Nothing is left for the SDK to read from the environment: the key is ours (never OPENAI_API_KEY),
    // OPENAI_ADMIN_KEY, OPENAI_ORG_ID and OPENAI_PROJECT_ID belong to OpenAI, not to any server we are given, and
    // OPENAI_LOG=debug would print requests. (OPENAI_CUSTOM_HEADERS is still read: the SDK offers no way out.)
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    logLevel: "off"
  })
  const cache = yield* makeResponseCache(options.cacheDir)
  const permits = yield* Semaphore.make(options.concurrency)
  const counts = yield* Ref.make<LlmStats>({ requests: 0, cacheHits: 0, retries: 0, promptTokens: 0, completionTokens: 0 })
  const schedule = retrySchedule({
    retries: options.retries,
    backoffMillis: options.backoffMillis ?? defaultBackoffMillis
  })
  const timedOut = new LlmUnreachable({ baseUrl, reason: `timed out after ${options.timeoutSeconds} s`, retries: 0 })
  // Shared lookups run here, not in their first caller's fiber: a caller that is interrupted must not take the
  // answer away from the others waiting for it. They end with the layer.
  const scope = yield* Effect.scope
  /** Lookups in flight by cache key; an entry is removed before its answer is handed out. */
  const inFlight = new Map<string, Deferred.Deferred<Found, LlmError>>()

  const toAnswer = Effect.fnUntraced(function*(body: unknown) {
    const decoded = yield* decodeCompletionBody(body).pipe(
      Effect.mapError((issue) => new LlmBadAnswer({ baseUrl, detail: mask(`unexpected shape: ${issue.message}`) }))
    )
    const choice = decoded.choices[0]
    if (choice === undefined) return yield* new LlmBadAnswer({ baseUrl, detail: "no choices" })
    const finishReason = choice.finish_reason ?? null
    const content = choice.message.content
    if (content === undefined || content === null) {
      return yield* new LlmBadAnswer({ baseUrl, detail: `no content (finish reason ${finishReason})` })
    }
    const usage = decodeUsage(decoded.usage).pipe(
      Option.map((u): TokenUsage => ({ promptTokens: u.prompt_tokens, completionTokens: u.completion_tokens })),
      Option.getOrNull
    )
    return { content, finishReason, model: decoded.model ?? options.model, usage } satisfies StoredAnswer
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
      Effect.flatMap(toAnswer),
      Effect.tapError((error) => Effect.logDebug(`LLM attempt failed: ${error.message}`))
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

  /** The disk cache's answer, else the server's, stored before it is handed out. */
  const lookup = Effect.fnUntraced(function*(key: string, request: NormalisedRequest) {
    const hit = yield* cache.read(key)
    if (Option.isSome(hit)) return { answer: hit.value, fromDisk: true } satisfies Found
    const answer = yield* fetchWithRetries(request)
    // "length" answers are stored too: a truncated answer is still what the model said for this request.
    yield* cache.write({ key, request, answer })
    return { answer, fromDisk: false } satisfies Found
  })

  /**
   * The lookup for `key`, shared: a caller that finds one in flight waits for it instead of starting its own, and
   * shares its outcome, failure included. `joined` says this caller waited for another's lookup.
   */
  const shared = Effect.fnUntraced(function*(key: string, request: NormalisedRequest) {
    const mine = yield* Deferred.make<Found, LlmError>()
    // No yield between the look and the registration, so two callers cannot both find the key free.
    const running = inFlight.get(key)
    if (running !== undefined) return { ...yield* Deferred.await(running), joined: true }
    inFlight.set(key, mine)
    yield* lookup(key, request).pipe(
      Effect.onExit((exit) => Effect.andThen(Effect.sync(() => inFlight.delete(key)), Deferred.done(mine, exit))),
      Effect.forkIn(scope)
    )
    return { ...yield* Deferred.await(mine), joined: false }
  })

  const complete = Effect.fn("LlmClient.complete")(function*(chat: ChatRequest) {
    const request = normaliseRequest(options.model, chat)
    yield* Ref.update(counts, (c) => ({ ...c, requests: c.requests + 1 }))
    const { answer, fromDisk, joined } = yield* shared(normalisedRequestKey(request), request)
    const cached = fromDisk || joined
    yield* Ref.update(counts, (c) => ({
      ...c,
      cacheHits: c.cacheHits + (cached ? 1 : 0),
      promptTokens: c.promptTokens + (answer.usage?.promptTokens ?? 0),
      completionTokens: c.completionTokens + (answer.usage?.completionTokens ?? 0)
    }))
    return { ...answer, cached } satisfies ChatAnswer
  })

  return LlmClient.of({ complete, stats: Ref.get(counts), endpoint })
})
