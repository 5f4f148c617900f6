import { Duration, Effect, FileSystem, Option, Path, Result, Schema } from "effect"
import type OpenAI from "openai"
import { toFile } from "openai"
import { toJson, toJsonl, writeFileAtomic } from "#files"
import type { ChatRequest } from "./ChatRequest.ts"
import { readCompletion } from "./completion.ts"
import { LlmCacheError, type LlmError } from "./errors.ts"
import { type Accept, nextBudget, storedVerdict, unusable } from "./heal.ts"
import { NormalisedRequest, normaliseRequest, normalisedRequestKey, type RequestMode } from "./requestKey.ts"
import type { makeResponseCache } from "./ResponseCache.ts"
import { retrySchedule } from "./retry.ts"
import { fromSdkError } from "./sdkError.ts"
import { wireRequest } from "./transport.ts"

/** One request a stage is about to ask, with its parser's verdict (see `LlmClient.complete`). */
export interface PrefetchItem {
  readonly request: ChatRequest
  readonly accept?: Accept
}

const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

/** One request of a submitted batch. Its `custom_id` is its cache key. */
const BatchItem = Schema.Struct({
  key: Schema.String,
  request: NormalisedRequest,
  /** The token budget sent: a truncated answer is submitted again with a larger one. */
  maxTokens: Schema.Int,
  /** Answers asked for this key so far, this submission's included: the cache entry's `attempts`. */
  attempt: Schema.Int,
  /** Times it came back without an answer (failed, expired, missing from the output) before this submission. */
  failures: Count
})
type BatchItem = typeof BatchItem.Type

/**
 * A submitted batch as persisted, before it is polled, in `<cacheDir>/batches/<id>.json`: a rerun after a kill
 * collects it instead of submitting its requests again. It holds ids, keys and requests, never a key or a URL's
 * credentials.
 */
export const BatchRecord = Schema.Struct({
  id: Schema.String,
  /** Who was asked (`LlmEndpoint.endpoint`) and for which model: another endpoint's batches are not ours to poll. */
  endpoint: Schema.String,
  model: Schema.String,
  items: Schema.Array(BatchItem)
})
export type BatchRecord = typeof BatchRecord.Type

const decodeRecord = Schema.decodeUnknownResult(Schema.fromJsonString(BatchRecord))

/** One line of a batch's output or error file; a line of another shape is ignored (its request counts as failed). */
const OutputLine = Schema.Struct({
  custom_id: Schema.String,
  response: Schema.optionalKey(Schema.NullOr(Schema.Struct({ status_code: Schema.Int, body: Schema.Unknown })))
})
const decodeLine = Schema.decodeUnknownResult(Schema.fromJsonString(OutputLine))

/** What a prefetch did: for the stage's log line and its fragment's `run`. */
export const BatchSummary = Schema.Struct({
  /** Distinct requests asked for. */
  requests: Count,
  /** Of them, already answered for good by the response cache. */
  cached: Count,
  /** Batches created in this run, and batches of an earlier run collected. */
  submitted: Count,
  collected: Count,
  /** Answers stored usable, and stored rejected with their attempts spent. */
  answered: Count,
  rejected: Count,
  /** Requests submitted again, alone: failed, expired or unusable ones. */
  resubmitted: Count,
  /** Requests that failed `retries` times too: left for the online pass to ask. */
  unanswered: Count
})
export type BatchSummary = typeof BatchSummary.Type

/** The most requests one batch holds (OpenAI's limit), and the most bytes of its input file (below its 200 MB). */
const maxRequests = 50_000
const maxBytes = 150 * 1024 * 1024

/** Batch states after which nothing more comes. */
const finished = new Set(["completed", "failed", "expired", "cancelled"])

/** Input lines cut into batches within `maxRequests` and `maxBytes`. */
export const chunkLines = (lines: ReadonlyArray<string>): Array<Array<number>> => {
  const chunks: Array<Array<number>> = []
  let bytes = 0
  lines.forEach((line, index) => {
    const size = Buffer.byteLength(line) + 1
    const last = chunks.at(-1)
    if (last === undefined || last.length >= maxRequests || bytes + size > maxBytes) {
      chunks.push([index])
      bytes = size
    } else {
      last.push(index)
      bytes += size
    }
  })
  return chunks
}

export interface BatchContext {
  readonly client: OpenAI
  readonly cache: Effect.Success<ReturnType<typeof makeResponseCache>>
  readonly cacheDir: string
  readonly model: string
  readonly mode: RequestMode
  /** Who produces the answers, as the cache records it (`LlmEndpoint.endpoint`). */
  readonly endpoint: string
  /** What errors name: the base URL without credentials. */
  readonly baseUrl: string
  readonly mask: (text: string) => string
  readonly pollSeconds: number
  readonly retries: number
  readonly backoffMillis: number
  readonly answerRetries: number
  readonly maxTokensCap: number
}

/**
 * The OpenAI Batch API as a way to fill the response cache (see `LlmClient.prefetch`). Requires the platform's file
 * system and paths.
 */
export const makePrefetch = Effect.fnUntraced(function*(context: BatchContext) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const { client, cache, baseUrl, mask } = context
  const folder = path.join(context.cacheDir, "batches")
  const recordFile = (id: string) => path.join(folder, `${id}.json`)
  const schedule = retrySchedule({ retries: context.retries, backoffMillis: context.backoffMillis })
  const cacheError = (file: string) => (error: { readonly message: string }) => new LlmCacheError({ path: file, reason: error.message })

  /** One call of the Batch or Files API, retried like a chat request. */
  const call = <A>(send: (signal: AbortSignal) => Promise<A>): Effect.Effect<A, LlmError> =>
    Effect.tryPromise({ try: send, catch: (error) => fromSdkError(error, baseUrl, mask) }).pipe(Effect.retry(schedule))

  /** The batches of this endpoint and model an earlier run submitted and did not collect. */
  const pendingRecords = Effect.gen(function*() {
    if (!(yield* fs.exists(folder))) return []
    const names = (yield* fs.readDirectory(folder)).filter((name) => name.endsWith(".json")).toSorted()
    const records: Array<BatchRecord> = []
    for (const name of names) {
      const decoded = decodeRecord(yield* fs.readFileString(path.join(folder, name)))
      if (Result.isFailure(decoded)) {
        yield* Effect.logWarning(`LLM batch record ${name} does not decode and is left alone: ${decoded.failure.message}`)
        continue
      }
      if (decoded.success.endpoint === context.endpoint && decoded.success.model === context.model) records.push(decoded.success)
    }
    return records
  }).pipe(Effect.mapError(cacheError(folder)))

  /** Uploads the items as a JSONL file, creates a batch of it, and persists the record before anything waits on it. */
  const submit = Effect.fnUntraced(function*(items: ReadonlyArray<BatchItem>) {
    const lines = toJsonl(items.map((item) => ({
      custom_id: item.key,
      method: "POST",
      url: "/v1/chat/completions",
      body: wireRequest(item.request, item.maxTokens)
    })))
    const file = yield* call(async (signal) =>
      client.files.create({ file: await toFile(Buffer.from(lines, "utf8"), "finerweb-batch.jsonl"), purpose: "batch" }, { signal })
    )
    // Created and persisted without interruption: an interrupted run must not leave a batch it cannot find again.
    const record = yield* Effect.uninterruptible(Effect.gen(function*() {
      const batch = yield* call(() =>
        client.batches.create({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h" })
      )
      const record: BatchRecord = { id: batch.id, endpoint: context.endpoint, model: context.model, items }
      yield* writeFileAtomic(recordFile(batch.id), toJson(record)).pipe(
        Effect.provideService(FileSystem.FileSystem, fs),
        Effect.provideService(Path.Path, path),
        Effect.mapError(cacheError(recordFile(batch.id)))
      )
      return record
    }))
    yield* Effect.logInfo(`LLM batch ${record.id}: ${items.length} requests submitted; polled every ${context.pollSeconds} s`)
    return record
  })

  /** A file's lines by `custom_id`. */
  const download = (fileId: string) =>
    Effect.map(call((signal) => client.files.content(fileId, { signal }).then((response) => response.text())), (text) =>
      text.split("\n").flatMap((line) => {
        const decoded = decodeLine(line)
        return Result.isSuccess(decoded) ? [decoded.success] : []
      }))

  /**
   * Waits for the batch to end, stores every usable answer (and every unusable one whose attempts are spent, as
   * rejected) in the response cache, removes the record, and returns what is to be submitted again: items that came
   * back without an answer while `retries` remain, and unusable answers while `answerRetries` remain (a truncated
   * one with a larger budget). Items no longer asked for are stored when usable and not submitted again.
   */
  const collect = Effect.fnUntraced(function*(record: BatchRecord, accepts: ReadonlyMap<string, Accept | undefined>) {
    let batch = yield* call((signal) => client.batches.retrieve(record.id, { signal }))
    while (!finished.has(batch.status)) {
      yield* Effect.sleep(Duration.seconds(context.pollSeconds))
      const before = batch.status
      batch = yield* call((signal) => client.batches.retrieve(record.id, { signal }))
      if (batch.status !== before) {
        const counts = batch.request_counts
        yield* Effect.logInfo(
          `LLM batch ${record.id}: ${batch.status}` + (counts === undefined ? "" : ` (${counts.completed} of ${counts.total} done, ${counts.failed} failed)`)
        )
      }
    }
    // An error line never hides an answer for the same request.
    const lines = new Map<string, typeof OutputLine.Type>()
    for (const fileId of [batch.error_file_id, batch.output_file_id]) {
      if (fileId === undefined || fileId === null) continue
      for (const line of yield* download(fileId)) lines.set(line.custom_id, line)
    }
    const again: Array<BatchItem> = []
    const counts = { answered: 0, rejected: 0, unanswered: 0 }
    for (const item of record.items) {
      const wanted = accepts.has(item.key)
      const response = lines.get(item.key)?.response
      const answer = response?.status_code === 200
        ? readCompletion(response.body, { model: context.model, endpoint: context.endpoint, mask })
        : Result.fail("no answer")
      if (Result.isFailure(answer)) {
        if (wanted && item.failures < context.retries) again.push({ ...item, failures: item.failures + 1 })
        else if (wanted) counts.unanswered += 1
        continue
      }
      const reason = unusable(answer.success, accepts.get(item.key))
      const next = nextBudget(reason, item.attempt, item.maxTokens, context)
      if (next === null) {
        if (reason !== null && !wanted) continue
        yield* cache.write({
          key: item.key,
          request: item.request,
          maxTokens: item.maxTokens,
          attempts: item.attempt,
          rejected: reason,
          answer: answer.success
        })
        counts[reason === null ? "answered" : "rejected"] += 1
      } else if (wanted) {
        again.push({ ...item, attempt: item.attempt + 1, maxTokens: next })
      }
    }
    yield* fs.remove(recordFile(record.id), { force: true }).pipe(Effect.mapError(cacheError(recordFile(record.id))))
    yield* Effect.logInfo(
      `LLM batch ${record.id} ${batch.status}: ${record.items.length - again.length} of ${record.items.length} requests settled` +
        (again.length === 0 ? "" : `, ${again.length} to submit again`)
    )
    return { again, counts }
  })

  /**
   * Fills the response cache with the answers of `items` through the Batch API: requests the cache does not answer
   * for good are submitted (the batches an earlier run left are collected instead), polled until they end, and
   * their answers stored as the online client stores them; failed, expired and unusable ones are submitted again
   * alone. The online pass that follows then finds every settled answer in the cache.
   */
  return Effect.fn("LlmClient.prefetch")(function*(items: ReadonlyArray<PrefetchItem>) {
    const accepts = new Map<string, Accept | undefined>()
    const requests = new Map<string, NormalisedRequest>()
    for (const item of items) {
      const request = normaliseRequest(context.model, item.request, context.mode)
      const key = normalisedRequestKey(request)
      if (!accepts.has(key)) accepts.set(key, item.accept)
      requests.set(key, request)
    }
    // Settled as the online client would see it: stored rejected, or usable by the caller's verdict.
    const open: Array<string> = []
    for (const key of requests.keys()) {
      const hit = yield* cache.read(key)
      if (Option.isNone(hit) || !storedVerdict(hit.value, accepts.get(key)).final) open.push(key)
    }
    // Only batches holding a request asked for now: another task's (another language's) are its own to wait for.
    let records = (yield* pendingRecords).filter((record) => record.items.some((item) => requests.has(item.key)))
    const covered = new Set(records.flatMap((record) => record.items.map((item) => item.key)))
    let summary: BatchSummary = {
      requests: requests.size,
      cached: requests.size - open.length,
      submitted: 0,
      collected: records.length,
      answered: 0,
      rejected: 0,
      resubmitted: 0,
      unanswered: 0
    }
    let queue: ReadonlyArray<BatchItem> = open.filter((key) => !covered.has(key)).map((key) => {
      const request = requests.get(key)!
      return { key, request, maxTokens: request.max_tokens, attempt: 1, failures: 0 }
    })
    while (queue.length > 0 || records.length > 0) {
      const chunks = chunkLines(queue.map((item) => JSON.stringify(wireRequest(item.request, item.maxTokens))))
      for (const chunk of chunks) records = [...records, yield* submit(chunk.map((index) => queue[index]))]
      const done = yield* Effect.forEach(records, (record) => collect(record, accepts), { concurrency: "unbounded" })
      queue = done.flatMap(({ again }) => again)
      records = []
      summary = {
        ...summary,
        submitted: summary.submitted + chunks.length,
        answered: summary.answered + done.reduce((sum, { counts }) => sum + counts.answered, 0),
        rejected: summary.rejected + done.reduce((sum, { counts }) => sum + counts.rejected, 0),
        unanswered: summary.unanswered + done.reduce((sum, { counts }) => sum + counts.unanswered, 0),
        resubmitted: summary.resubmitted + queue.length
      }
    }
    return summary
  })
})
