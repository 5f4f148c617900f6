import { Schema } from "effect"

/** How to reach one OpenAI-compatible chat-completions server, and how hard to try. Decoded from config files. */
export const LlmOptions = Schema.Struct({
  /** e.g. `http://127.0.0.1:8000/v1` */
  baseUrl: Schema.NonEmptyString,
  model: Schema.NonEmptyString,
  /** Name of the environment variable holding the API key; when it is unset the key sent is "unused". */
  apiKeyEnv: Schema.String,
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
