import { Schema, Struct } from "effect"

/** How to reach one OpenAI-compatible chat-completions server, and how hard to try: the client's only settings. */
export const LlmOptions = Schema.Struct({
  /** e.g. `http://127.0.0.1:8000/v1` */
  baseUrl: Schema.NonEmptyString,
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
  /** Limit on one HTTP attempt. */
  timeoutSeconds: Schema.Finite.check(Schema.isGreaterThan(0)),
  /** Most retries of one request after its first attempt. */
  retries: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
  cacheDir: Schema.NonEmptyString,
  /** Base of the exponential backoff (default 500 ms); tests shrink it. */
  backoffMillis: Schema.optionalKey(Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0)))
})
export type LlmOptions = typeof LlmOptions.Type

export const defaultBackoffMillis = 500

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
