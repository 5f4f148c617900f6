import { Schema, Struct } from "effect"
import { StructuredOutput, TokenLimit } from "./requestKey.ts"

const Seconds = Schema.Finite.check(Schema.isGreaterThan(0))

/** How to reach one OpenAI-compatible chat-completions server, and how hard to try: the client's only settings. */
export const LlmOptions = Schema.Struct({
  /** e.g. `http://127.0.0.1:8000/v1` */
  baseUrl: Schema.NonEmptyString,
  /**
   * More base URLs serving the same model (replicas): each attempt goes to the one with the fewest attempts in
   * flight, ties by order, `baseUrl` first; an attempt that failed is retried on another. `concurrency` is the limit
   * over all of them.
   */
  replicas: Schema.optionalKey(Schema.Array(Schema.NonEmptyString)),
  model: Schema.NonEmptyString,
  /** Sent as the bearer token; absent (or empty) sends "unused", as servers without keys expect some token. */
  apiKey: Schema.optionalKey(Schema.Redacted(Schema.String)),
  /**
   * A stable name for the endpoint in place of its URL, where the URL changes from run to run (the offline
   * teacher's loopback port); see `describeEndpoint`.
   */
  endpointLabel: Schema.optionalKey(Schema.NonEmptyString),
  /** True only for the offline teacher: a rule-based stand-in, never to be presented as an LLM. */
  standIn: Schema.optionalKey(Schema.Boolean),
  /** Most requests in flight at once. */
  concurrency: Schema.Int.check(Schema.isGreaterThan(0)),
  /** Limit on one HTTP attempt, however steadily it streams. */
  timeoutSeconds: Seconds,
  /** Most retries of one request after its first attempt, for failures of the transport (status, reset, timeout). */
  retries: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
  cacheDir: Schema.NonEmptyString,
  /** Base of the exponential backoff (default 500 ms); tests shrink it. */
  backoffMillis: Schema.optionalKey(Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0))),
  /** Most attempts after an unusable answer (empty, truncated, rejected by the caller): default 3. */
  answerRetries: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
  /** The largest token budget a truncated answer's retry may ask for (default 8192). */
  maxTokensCap: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThan(0))),
  /** Ask for streamed answers (default true); a server that does not stream is asked without from then on. */
  stream: Schema.optionalKey(Schema.Boolean),
  /** A streamed attempt with no chunk this long after the request is a hang (default 60 s). */
  firstTokenTimeoutSeconds: Schema.optionalKey(Seconds),
  /**
   * The least time an attempt without a first token (a whole answer, when not streamed) keeps its slot (default 5 s):
   * past four times the 90th percentile of the last 64 times to first token, or this, whichever is longer, it gives
   * the slot back and waits on for `firstTokenTimeoutSeconds` without it, so that a hung request never holds up the
   * others or their retries. At most `concurrency` attempts are without a slot at once.
   */
  slotReleaseSeconds: Schema.optionalKey(Seconds),
  /** A streamed attempt silent this long between chunks is a hang (default 30 s). */
  idleTimeoutSeconds: Schema.optionalKey(Seconds),
  /**
   * The circuit breaker: a replica that fails this many attempts in a row is set aside for the life of the client
   * (default 20); when every replica is set aside, every request fails at once with `LlmCircuitOpen`.
   */
  breakerFailures: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThan(0))),
  /** A token bucket on requests sent per minute, where the server sets a quota (none by default). */
  requestsPerMinute: Schema.optionalKey(Schema.Finite.check(Schema.isGreaterThan(0))),
  /**
   * A token bucket on tokens per minute: each attempt counts its `max_tokens` and its prompt at four characters a
   * token (an estimate: the client has no tokenizer).
   */
  tokensPerMinute: Schema.optionalKey(Schema.Finite.check(Schema.isGreaterThan(0))),
  /** Seconds between progress lines while requests are being sent (default 30). */
  progressSeconds: Schema.optionalKey(Seconds),
  /**
   * How a request asks for its answer's shape: "prompt" (the default) by the prompt alone; "json-schema" also sends
   * the stage's JSON Schema as `response_format` (vLLM, SGLang, llama.cpp and OpenAI constrain the answer to it).
   */
  structuredOutput: Schema.optionalKey(StructuredOutput),
  /** The field the token budget travels in: "max_tokens" (the default) or "max_completion_tokens" (newer servers). */
  tokenLimit: Schema.optionalKey(TokenLimit),
  /** Seconds between polls of a submitted batch (see `LlmClient.prefetch`; default 30); tests shrink it. */
  batchPollSeconds: Schema.optionalKey(Seconds)
})
export type LlmOptions = typeof LlmOptions.Type

export const defaultBackoffMillis = 500

/** The values of the optional settings when they are left out. */
export const defaults = {
  answerRetries: 3,
  maxTokensCap: 8192,
  stream: true,
  firstTokenTimeoutSeconds: 60,
  slotReleaseSeconds: 5,
  idleTimeoutSeconds: 30,
  breakerFailures: 20,
  progressSeconds: 30,
  batchPollSeconds: 30
} as const

/**
 * The settings file (`libs/llm/llm.json`), derived from `LlmOptions`: the same fields, except that
 * `baseUrl: null` means "start the offline teacher", the file names the environment variable of the key
 * (`apiKeyEnv`) instead of holding one, and the endpoint's label and stand-in flag are the caller's to set.
 */
export const LlmSettings = LlmOptions.mapFields((fields) => ({
  ...Struct.omit(fields, ["baseUrl", "apiKey", "endpointLabel", "standIn"]),
  baseUrl: Schema.NullOr(fields.baseUrl),
  /** Name of the environment variable holding the API key, read through `Config.Redacted`. */
  apiKeyEnv: Schema.NonEmptyString
}))
export type LlmSettings = typeof LlmSettings.Type
