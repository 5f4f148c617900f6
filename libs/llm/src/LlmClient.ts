import type { FileSystem, Path } from "effect"
import { Context, Deferred, Duration, Effect, Layer, Option, Redacted, Result } from "effect"
import OpenAI, { APIError } from "openai"
import { canonicalJson } from "#files"
import { type BatchSummary, makePrefetch, type PrefetchItem } from "./batch.ts"
import { readCompletion } from "./completion.ts"
import { type ChatAnswer, type ChatRequest, distinctProducers, type Producer } from "./ChatRequest.ts"
import { describeEndpoint, describeEndpoints, endpointSecrets } from "./endpoint.ts"
import type { LlmEndpoint } from "./endpoint.ts"
import { LlmBadAnswer, LlmCircuitOpen, withRetries } from "./errors.ts"
import type { LlmError } from "./errors.ts"
import { type Accept, nextBudget, storedVerdict, unusable } from "./heal.ts"
import { defaultBackoffMillis, defaults } from "./LlmOptions.ts"
import type { LlmOptions } from "./LlmOptions.ts"
import {
  type Aimd,
  afterAnswer,
  afterRateLimit,
  type Bucket,
  fullBucket,
  leastOutstanding,
  progressWindow,
  slotDeadline,
  take
} from "./concurrency.ts"
import { countReason, describeStats, emptyStats } from "./LlmStats.ts"
import type { LlmStats } from "./LlmStats.ts"
import { normaliseRequest, normalisedRequestKey, requestMode } from "./requestKey.ts"
import type { NormalisedRequest, RequestMode } from "./requestKey.ts"
import { makeResponseCache } from "./ResponseCache.ts"
import type { StoredAnswer } from "./ResponseCache.ts"
import { retrySchedule } from "./retry.ts"
import { fromSdkError } from "./sdkError.ts"
import { Slots } from "./slots.ts"
import { streamCompletion, wireRequest, withinTotal } from "./transport.ts"

/** What one shared lookup found: the answer, why it is unusable (null when usable), whether the disk held it. */
interface Found {
  readonly answer: StoredAnswer
  readonly rejected: string | null
  readonly fromDisk: boolean
}

/** What a caller may add to a request. */
export interface CompleteOptions {
  /**
   * The caller's parser as a verdict: an answer it rejects is asked again like an empty or truncated one (see
   * `LlmClient.complete`). Without it only empty and truncated answers are retried.
   */
  readonly accept?: Accept
}

/** A streamed request refused because the server does not stream (the offline teacher answers 400 so). */
const refusesStreaming = (error: unknown): boolean =>
  error instanceof APIError && [400, 404, 415, 422, 501].includes(error.status ?? 0) && /stream/i.test(error.message)

/**
 * Every request to a language model: one OpenAI-compatible server or several replicas of it, an adaptive concurrency
 * limit, retries, a circuit breaker, a disk cache, identical requests in flight coalesced into one, and counts of all
 * of it. `endpoint` says who is configured to answer; `producers` who answered.
 */
export class LlmClient extends Context.Service<LlmClient, {
  /**
   * One chat completion. Healing: an answer cut at the token limit (`truncated`), blank (`empty`) or rejected by
   * `accept` is asked again, a truncated one with twice the token budget (up to `maxTokensCap`), at most
   * `answerRetries` times; none of them is stored while attempts remain. The cache then stores the usable answer, or,
   * the budget spent, the last answer with its reason, which this and every later run hand out with `rejected` set
   * and without asking again. A stored answer the current `accept` rejects but that was stored as usable is asked
   * again. Failures of the transport are retried `retries` times and never stored.
   *
   * A call identical (same cache key) to one already in flight makes no HTTP request: it waits for that one and
   * gets its answer (judged by the first caller's `accept`) with `cached: true` (counted as a cache hit), or its
   * failure. A failure is never kept: the next identical call asks again.
   */
  readonly complete: (request: ChatRequest, options?: CompleteOptions) => Effect.Effect<ChatAnswer, LlmError>
  /** Counts since the layer was built; `llmUsage(stats)` is the part a manifest may hold (see `LlmStats`). */
  readonly stats: Effect.Effect<LlmStats>
  /** Who produced the answers handed out so far, each once, sorted by their canonical JSON. */
  readonly producers: Effect.Effect<ReadonlyArray<Producer>>
  readonly endpoint: LlmEndpoint
  /** How requests ask for their answer's shape and budget: part of every key, and of what the lock records. */
  readonly mode: RequestMode
  /**
   * Batch mode: fills the response cache with the answers to `items` through the OpenAI Batch API (`/v1/files`,
   * `/v1/batches`), so that `complete` then finds them there and sends nothing. The batch ids are persisted before
   * polling (every `batchPollSeconds`): a rerun after a kill collects them instead of submitting again. Answers are
   * healed and stored by the rules of `complete`: failed, expired and unusable requests are submitted again alone,
   * and those still failed after `retries` resubmissions are left for `complete` to ask.
   */
  readonly prefetch: (items: ReadonlyArray<PrefetchItem>) => Effect.Effect<BatchSummary, LlmError>
}>()("finerweb/llm/LlmClient") {
  /** Requires the platform's file system and paths: the application's entry point provides them once. */
  static readonly layer = (options: LlmOptions): Layer.Layer<LlmClient, never, FileSystem.FileSystem | Path.Path> =>
    Layer.effect(LlmClient, make(options))
}

/** One server of the model, and what the client has seen of it. */
interface Replica {
  /** What errors and logs name: the URL without credentials or query string (the port kept: it helps to debug). */
  readonly baseUrl: string
  /** What the answers' producers name: `baseUrl`, or the options' label where the URL changes from run to run. */
  readonly producer: string
  readonly client: OpenAI
  /** Attempts sent to it and not yet ended, hung ones included. */
  inFlight: number
  /** Failed attempts in a row; at `breakerFailures` it is set aside. */
  failuresInRow: number
  setAside: boolean
  /** Set to false for good once it shows that it does not stream. */
  streaming: boolean
}

/** Where one request's attempts went: a retry goes to another replica than the one that failed. */
interface Tried {
  last: Replica | undefined
}

const make = Effect.fnUntraced(function*(options: LlmOptions) {
  const settings = { ...defaults, ...options }
  const baseUrls = [options.baseUrl, ...(options.replicas ?? [])]
  const endpoint: LlmEndpoint = {
    model: options.model,
    endpoint: options.endpointLabel ?? describeEndpoints(baseUrls),
    standIn: options.standIn ?? false
  }
  const mode = requestMode(options)
  const key = options.apiKey === undefined ? "" : Redacted.value(options.apiKey)
  // Servers sometimes quote the key they rejected, and fetch the URL it refused: neither may travel on in our errors.
  const secrets = [key, ...baseUrls.flatMap(endpointSecrets)].filter((secret) => secret !== "")
  const mask = (text: string): string => secrets.reduce((masked, secret) => masked.split(secret).join("<redacted>"), text)
  const replicas: ReadonlyArray<Replica> = baseUrls.map((baseUrl) => ({
    baseUrl: describeEndpoint(baseUrl),
    producer: options.endpointLabel ?? describeEndpoint(baseUrl),
    client: new OpenAI({
      apiKey: key === "" ? "unused" : key,
      baseURL: baseUrl,
      maxRetries: 0,
      // Nothing is left for the SDK to read from the environment: the key is ours (never OPENAI_API_KEY),
      // OPENAI_ADMIN_KEY, OPENAI_ORG_ID and OPENAI_PROJECT_ID belong to OpenAI, not to any server we are given, and
      // OPENAI_LOG=debug would print requests. (OPENAI_CUSTOM_HEADERS is still read: the SDK offers no way out.)
      adminAPIKey: null,
      organization: null,
      project: null,
      webhookSecret: null,
      logLevel: "off"
    }),
    inFlight: 0,
    failuresInRow: 0,
    setAside: false,
    streaming: settings.stream
  }))
  const cache = yield* makeResponseCache(options.cacheDir)
  // Plain counters: every update is synchronous, so nothing can interleave with one.
  let counts: LlmStats = emptyStats
  const count = (update: (stats: LlmStats) => LlmStats): void => {
    counts = update(counts)
  }
  const schedule = retrySchedule({
    retries: options.retries,
    backoffMillis: options.backoffMillis ?? defaultBackoffMillis
  })
  const timeouts = { firstTokenSeconds: settings.firstTokenTimeoutSeconds, idleSeconds: settings.idleTimeoutSeconds }
  // Adaptive concurrency (AIMD, see `afterRateLimit`): halved on a 429, one more after each answer, 1 to `concurrency`.
  const slots = new Slots(options.concurrency)
  let aimd: Aimd = { limit: options.concurrency, lastDecrease: 0 }
  let inFlightAttempts = 0
  // Hung attempts (see `slotReleaseSeconds`): the recent times to first token, the deadline they give, and how many
  // attempts are waiting on without a slot.
  const recentProgress: Array<number> = []
  let progressSeen = 0
  let deadlineMillis = settings.slotReleaseSeconds * 1000
  let withoutSlot = 0
  // The circuit breaker opens when every replica is set aside: the error that opened it.
  let open: LlmCircuitOpen | undefined
  // Token buckets on requests and tokens per minute, where configured.
  const buckets = new Map<"requests" | "tokens", { perMinute: number; bucket: Bucket }>()
  if (options.requestsPerMinute !== undefined) {
    buckets.set("requests", { perMinute: options.requestsPerMinute, bucket: fullBucket(options.requestsPerMinute, Date.now()) })
  }
  if (options.tokensPerMinute !== undefined) {
    buckets.set("tokens", { perMinute: options.tokensPerMinute, bucket: fullBucket(options.tokensPerMinute, Date.now()) })
  }
  // Few distinct producers, however many answers: kept by canonical JSON, sorted when asked for.
  const producers = new Map<string, Producer>()
  // Shared lookups run here, not in their first caller's fiber: a caller that is interrupted must not take the
  // answer away from the others waiting for it. They end with the layer.
  const scope = yield* Effect.scope
  /** Lookups in flight by cache key; an entry is removed before its answer is handed out. */
  const inFlight = new Map<string, Deferred.Deferred<Found, LlmError>>()

  const toAnswer = (body: unknown, replica: Replica): Effect.Effect<StoredAnswer, LlmBadAnswer> =>
    Result.match(readCompletion(body, { model: options.model, endpoint: replica.producer, mask }), {
      onSuccess: (answer) => Effect.succeed(answer),
      onFailure: (detail) => Effect.fail(new LlmBadAnswer({ baseUrl: replica.baseUrl, detail }))
    })

  /** The body of one HTTP request to `replica`: streamed while it streams, else plain. */
  const send = (replica: Replica, request: NormalisedRequest, maxTokens: number, onProgress: () => void) =>
    Effect.tryPromise({
      try: (signal) => withinTotal(options.timeoutSeconds, signal, async (signal): Promise<unknown> => {
        const body = wireRequest(request, maxTokens)
        if (replica.streaming) {
          try {
            const got = await streamCompletion(replica.client, body, timeouts, signal, onProgress)
            if (!("notStreamed" in got)) return got
            // A JSON answer shows a server that does not stream; a page of text or HTML shows nothing about it.
            if (typeof got.body === "object") replica.streaming = false
            return got.body
          } catch (error) {
            if (!refusesStreaming(error)) throw error
            replica.streaming = false
          }
        }
        const answer = await replica.client.chat.completions.create(body, { signal })
        onProgress()
        return answer
      }),
      catch: (error) => fromSdkError(error, replica.baseUrl, mask)
    })

  const failed = (error: LlmError, sentAt: number, replica: Replica) =>
    Effect.gen(function*() {
      if (error._tag === "LlmCircuitOpen") return
      replica.failuresInRow += 1
      if (replica.failuresInRow >= settings.breakerFailures && !replica.setAside) {
        replica.setAside = true
        if (replicas.every((r) => r.setAside)) {
          open = new LlmCircuitOpen({ baseUrl: describeEndpoints(baseUrls), failures: replica.failuresInRow, last: error.message })
          yield* Effect.logError(open.message)
        } else {
          yield* Effect.logWarning(
            `stopped asking ${replica.baseUrl} after ${replica.failuresInRow} failed attempts in a row (the other replicas go on); the last: ${error.message}`
          )
        }
      }
      if (error._tag === "LlmUnreachable" && error.timeout !== undefined) {
        const kind = error.timeout === "first-token" ? "firstToken" : error.timeout
        count((c) => ({ ...c, timeouts: { ...c.timeouts, [kind]: c.timeouts[kind] + 1 } }))
      }
      if (error._tag !== "LlmHttpError") return
      if (error.status === 429) {
        const before = aimd.limit
        aimd = afterRateLimit(aimd, sentAt, Date.now())
        if (aimd.limit !== before) slots.resize(aimd.limit)
      }
      const wait = error.retryAfterMillis
      if ((error.status === 429 || error.status === 503) && wait !== null) {
        count((c) => ({ ...c, rateLimitWaits: c.rateLimitWaits + 1, rateLimitSeconds: c.rateLimitSeconds + wait / 1000 }))
      }
    })

  const succeeded = (replica: Replica): void => {
    replica.failuresInRow = 0
    const before = aimd.limit
    aimd = afterAnswer(aimd, options.concurrency)
    if (aimd.limit !== before) slots.resize(aimd.limit)
  }

  /** A time to first token observed: the slot deadline follows the recent ones, recomputed every 16. */
  const progressed = (millis: number): void => {
    recentProgress[progressSeen % progressWindow] = millis
    progressSeen += 1
    if (progressSeen % 16 === 1) deadlineMillis = slotDeadline(recentProgress, settings.slotReleaseSeconds * 1000)
  }

  /** Waits as long as the token buckets say, before an attempt asks for a slot. */
  const throttle = (request: NormalisedRequest, maxTokens: number) =>
    Effect.suspend(() => {
      const now = Date.now()
      let wait = 0
      for (const [kind, state] of buckets) {
        const amount = kind === "requests"
          ? 1
          : maxTokens + Math.ceil(request.messages.reduce((sum, message) => sum + message.content.length, 0) / 4)
        const next = take(state.bucket, amount, state.perMinute, now)
        buckets.set(kind, { ...state, bucket: next.bucket })
        wait = Math.max(wait, next.waitMillis)
      }
      return wait === 0 ? Effect.void : Effect.sleep(Duration.millis(wait))
    })

  /**
   * One HTTP attempt, to the replica with the fewest in flight, holding a slot while it makes progress: one with no
   * first token past the slot deadline gives its slot back and waits on for its own timeout, so that the others and
   * their retries never wait behind a hung request. An open breaker fails it before anything is sent.
   */
  const attempt = (request: NormalisedRequest, maxTokens: number, tried: Tried) =>
    Effect.uninterruptibleMask((restore) =>
      Effect.flatMap(restore(slots.take), (slot) =>
        restore(Effect.suspend((): Effect.Effect<StoredAnswer, LlmError> => {
          const replica = open === undefined ? leastOutstanding(replicas, tried.last) : undefined
          if (replica === undefined) return Effect.fail(open!)
          const sentAt = Date.now()
          replica.inFlight += 1
          inFlightAttempts += 1
          count((c) => ({ ...c, attempts: c.attempts + 1 }))
          let hung = false
          let shownProgress = false
          const watchdog = setTimeout(() => {
            if (withoutSlot >= options.concurrency) return
            hung = true
            withoutSlot += 1
            slot.giveBack()
          }, deadlineMillis)
          const onProgress = () => {
            if (shownProgress) return
            shownProgress = true
            clearTimeout(watchdog)
            progressed(Date.now() - sentAt)
          }
          return send(replica, request, maxTokens, onProgress).pipe(
            Effect.ensuring(Effect.sync(() => {
              clearTimeout(watchdog)
              if (hung) withoutSlot -= 1
              replica.inFlight -= 1
              inFlightAttempts -= 1
            })),
            Effect.flatMap((body) => toAnswer(body, replica)),
            Effect.tap(() => Effect.sync(() => succeeded(replica))),
            Effect.tapError((error) => {
              tried.last = replica
              return Effect.andThen(failed(error, sentAt, replica), Effect.logDebug(`LLM attempt failed: ${error.message}`))
            })
          )
        })).pipe(Effect.ensuring(Effect.sync(slot.giveBack)))
      )
    ).pipe((attempt) => Effect.andThen(throttle(request, maxTokens), attempt))

  const fetchWithRetries = (request: NormalisedRequest, maxTokens: number) =>
    Effect.suspend(() => {
      let attempts = 0
      const tried: Tried = { last: undefined }
      const retries = () => Math.max(0, attempts - 1)
      return Effect.suspend(() => {
        // The breaker is checked before the throttle and the slot, so that waiting requests fail at once.
        if (open !== undefined) return Effect.fail(open)
        attempts += 1
        return attempt(request, maxTokens, tried)
      }).pipe(
        Effect.retry(schedule),
        Effect.mapError((error) => withRetries(error, retries())),
        Effect.onExit(() =>
          Effect.sync(() => {
            if (retries() > 0) count((c) => ({ ...c, retries: c.retries + retries() }))
          })
        ),
        Effect.tap((answer) =>
          Effect.sync(() =>
            count((c) => ({
              ...c,
              sentPromptTokens: c.sentPromptTokens + (answer.usage?.promptTokens ?? 0),
              sentCompletionTokens: c.sentCompletionTokens + (answer.usage?.completionTokens ?? 0)
            }))
          )
        )
      )
    })

  /**
   * The disk cache's answer where it is final (usable, or stored as rejected once the budget was spent), else the
   * server's, asked again while it is unusable and attempts remain, stored before it is handed out.
   */
  const lookup = Effect.fnUntraced(function*(key: string, request: NormalisedRequest, accept: Accept | undefined) {
    const hit = yield* cache.read(key)
    if (Option.isSome(hit)) {
      const { reason, final } = storedVerdict(hit.value, accept)
      if (final) return { answer: hit.value.answer, rejected: reason, fromDisk: true } satisfies Found
    }
    let maxTokens = request.max_tokens
    for (let attempts = 1;; attempts++) {
      const answer = yield* fetchWithRetries(request, maxTokens)
      const reason = unusable(answer, accept)
      const next = nextBudget(reason, attempts, maxTokens, settings)
      if (reason === null || next === null) {
        yield* cache.write({ key, request, maxTokens, attempts, rejected: reason, answer })
        return { answer, rejected: reason, fromDisk: false } satisfies Found
      }
      count((c) => ({ ...c, badAnswers: countReason(c.badAnswers, reason) }))
      yield* Effect.logDebug(`LLM answer unusable (${reason}), asking again`)
      maxTokens = next
    }
  })

  /**
   * The lookup for `key`, shared: a caller that finds one in flight waits for it instead of starting its own, and
   * shares its outcome, failure included. `joined` says this caller waited for another's lookup.
   */
  const shared = Effect.fnUntraced(function*(key: string, request: NormalisedRequest, accept: Accept | undefined) {
    // No yield between the look and the registration, so two callers cannot both find the key free.
    const running = inFlight.get(key)
    if (running !== undefined) return { ...yield* Deferred.await(running), joined: true }
    const mine = Deferred.makeUnsafe<Found, LlmError>()
    inFlight.set(key, mine)
    yield* lookup(key, request, accept).pipe(
      Effect.onExit((exit) => Effect.andThen(Effect.sync(() => inFlight.delete(key)), Deferred.done(mine, exit))),
      Effect.forkIn(scope)
    )
    return { ...yield* Deferred.await(mine), joined: false }
  })

  // Untraced: a span and a captured call site on every request are CPU on the hot path, and nothing reads them.
  const complete = Effect.fnUntraced(function*(chat: ChatRequest, completeOptions?: CompleteOptions) {
    const request = normaliseRequest(options.model, chat, mode)
    count((c) => ({ ...c, requests: c.requests + 1 }))
    const { answer, rejected, fromDisk, joined } = yield* shared(normalisedRequestKey(request), request, completeOptions?.accept)
    const cached = fromDisk || joined
    producers.set(canonicalJson(answer.producer), answer.producer)
    count((c) => ({
      ...c,
      cacheHits: c.cacheHits + (cached ? 1 : 0),
      promptTokens: c.promptTokens + (answer.usage?.promptTokens ?? 0),
      completionTokens: c.completionTokens + (answer.usage?.completionTokens ?? 0),
      rejected: rejected === null ? c.rejected : countReason(c.rejected, rejected)
    }))
    return { ...answer, rejected, cached } satisfies ChatAnswer
  })

  // Batches go to the first server: a batch is collected from the server it was submitted to.
  const prefetch = yield* makePrefetch({
    client: replicas[0].client,
    cache,
    cacheDir: options.cacheDir,
    model: options.model,
    mode,
    endpoint: replicas[0].producer,
    baseUrl: replicas[0].baseUrl,
    mask,
    pollSeconds: settings.batchPollSeconds,
    retries: options.retries,
    backoffMillis: options.backoffMillis ?? defaultBackoffMillis,
    answerRetries: settings.answerRetries,
    maxTokensCap: settings.maxTokensCap
  })

  // A line every `progressSeconds` while requests are being sent, so that a long run shows its faults as they come.
  yield* Effect.gen(function*() {
    let reported = 0
    while (true) {
      yield* Effect.sleep(Duration.seconds(settings.progressSeconds))
      if (counts.attempts === reported) continue
      reported = counts.attempts
      yield* Effect.logInfo(`LLM progress: ${describeStats(counts)}; ${inFlightAttempts} in flight, concurrency ${aimd.limit}`)
    }
  }).pipe(Effect.forkIn(scope))

  return LlmClient.of({
    complete,
    stats: Effect.sync(() => counts),
    producers: Effect.sync(() => distinctProducers(producers.values())),
    endpoint,
    mode,
    prefetch
  })
})
