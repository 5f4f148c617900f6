import { Effect, FileSystem, Option, Path, Schema, Struct } from "effect"
import { toJson } from "#files"
import { makeCacheWriter } from "./cacheWriter.ts"
import { ChatAnswer, type ChatRequest } from "./ChatRequest.ts"
import { LlmCacheError } from "./errors.ts"
import { NormalisedRequest, normalisedRequestKey, requestKey, type RequestMode } from "./requestKey.ts"

/**
 * The model's answer as stored, with the usage the server reported when it was fetched, so that an answer from
 * the cache counts the same tokens, and who produced it. `cached` and `rejected` are not part of it: they say where
 * an answer came from and what the reader makes of it. An entry written before usage and producer were stored does
 * not decode, and is fetched again like any other miss.
 */
export const StoredAnswer = ChatAnswer.mapFields(Struct.omit(["cached", "rejected"]))
export type StoredAnswer = typeof StoredAnswer.Type

/**
 * One cache file: the request (so a reader can see what the key covers; a truncated answer's retries asked for
 * more tokens, `maxTokens` says how many the stored answer had), the answer, the attempts it took, and `rejected`:
 * null for an answer stored as usable; the reason when the attempt budget ran out on an unusable one, which a later
 * run then replays as rejected without asking again.
 */
export const CacheEntry = Schema.Struct({
  key: Schema.String,
  request: NormalisedRequest,
  maxTokens: Schema.Int,
  attempts: Schema.Int,
  rejected: Schema.NullOr(Schema.String),
  answer: StoredAnswer
})
export type CacheEntry = typeof CacheEntry.Type

const decodeEntry = Schema.decodeUnknownOption(Schema.fromJsonString(CacheEntry))

/** `<cacheDir>/<key[0..2]>/<key>.json`: the two-character fan-out keeps directories small. */
export const cacheFile = (path: Path.Path, cacheDir: string, key: string): string =>
  path.join(cacheDir, key.slice(0, 2), `${key}.json`)

/** A content-addressed store of answers on disk; its writer thread stops with the scope. */
export const makeResponseCache = Effect.fnUntraced(function*(cacheDir: string) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path

  /** The stored entry, or none when the file is missing, unreadable, corrupt or not for this request. */
  const read = (key: string): Effect.Effect<Option.Option<CacheEntry>> =>
    fs.readFileString(cacheFile(path, cacheDir, key)).pipe(
      Effect.map((text) =>
        decodeEntry(text).pipe(
          Option.filter((entry) => entry.key === key && normalisedRequestKey(entry.request) === key)
        )
      ),
      Effect.orElseSucceed(() => Option.none())
    )

  const writeFile = yield* makeCacheWriter()

  /** Written whole or not at all, even by processes sharing the folder (see `makeCacheWriter`): the last write wins. */
  const write = (entry: CacheEntry): Effect.Effect<void, LlmCacheError> => {
    const file = cacheFile(path, cacheDir, entry.key)
    return writeFile(file, toJson(entry)).pipe(Effect.mapError((reason) => new LlmCacheError({ path: file, reason })))
  }

  return { read, write } as const
})

/**
 * Which of `requests` the cache at `cacheDir` already answers for `model` asked in `mode` (usable or stored as
 * finally rejected), so that a client would send none of them: what `finerweb status --cost` counts before a rebuild.
 */
export const findCached = (cacheDir: string, model: string, requests: ReadonlyArray<ChatRequest>, mode: RequestMode) =>
  Effect.scoped(Effect.gen(function*() {
    const cache = yield* makeResponseCache(cacheDir)
    return yield* Effect.forEach(requests, (request) => Effect.map(cache.read(requestKey(model, request, mode)), Option.isSome), {
      concurrency: 16
    })
  }))
