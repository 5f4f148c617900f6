import { Schema } from "effect"

const retriesSuffix = (retries: number): string =>
  retries === 0 ? "" : ` after ${retries} ${retries === 1 ? "retry" : "retries"}`

/** The server could not be reached: connection refused, DNS failure, reset, or no answer within the timeout. */
export class LlmUnreachable extends Schema.TaggedError<LlmUnreachable>()("LlmUnreachable", {
  baseUrl: Schema.String,
  /** e.g. "connection refused", "timed out after 30 s" */
  reason: Schema.String,
  retries: Schema.Int,
  /** Set when the attempt ended on a timeout: which one. */
  timeout: Schema.optionalKey(Schema.Literals(["first-token", "idle", "total"]))
}) {
  override get message(): string {
    return `LLM endpoint ${this.baseUrl} could not be reached (${this.reason})${retriesSuffix(this.retries)}`
  }
}

/** The server answered with an HTTP error status. */
export class LlmHttpError extends Schema.TaggedError<LlmHttpError>()("LlmHttpError", {
  baseUrl: Schema.String,
  status: Schema.Int,
  /** The server's own error message, with any API key masked. */
  serverMessage: Schema.String,
  /** What the server asked us to wait (Retry-After / retry-after-ms), if it said. */
  retryAfterMillis: Schema.NullOr(Schema.Finite),
  retries: Schema.Int
}) {
  override get message(): string {
    return `LLM endpoint ${this.baseUrl} answered HTTP ${this.status}: ${this.serverMessage}${retriesSuffix(this.retries)}`
  }
}

/** The server answered 2xx but not with a completion (no choices, wrong shape, an HTML page). */
export class LlmBadAnswer extends Schema.TaggedError<LlmBadAnswer>()("LlmBadAnswer", {
  baseUrl: Schema.String,
  detail: Schema.String
}) {
  override get message(): string {
    return `LLM endpoint ${this.baseUrl} gave no usable answer: ${this.detail}`
  }
}

/** The response cache could not be written (a corrupt or unreadable entry is not an error: it is fetched again). */
export class LlmCacheError extends Schema.TaggedError<LlmCacheError>()("LlmCacheError", {
  path: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `LLM response cache ${this.path} could not be written: ${this.reason}`
  }
}

/**
 * The circuit breaker: the endpoint failed `failures` attempts in a row, so no more are sent. `last` is the last
 * failure's message, which says what came back.
 */
export class LlmCircuitOpen extends Schema.TaggedError<LlmCircuitOpen>()("LlmCircuitOpen", {
  baseUrl: Schema.String,
  failures: Schema.Int,
  last: Schema.String
}) {
  override get message(): string {
    return `stopped asking ${this.baseUrl} after ${this.failures} failed attempts in a row; the last: ${this.last}`
  }
}

export type LlmError = LlmUnreachable | LlmHttpError | LlmBadAnswer | LlmCacheError | LlmCircuitOpen

const retryableStatuses: ReadonlySet<number> = new Set([408, 409, 429])

/**
 * Worth another attempt: the server may recover (a proxy's page in place of an answer included); any other 4xx
 * will fail the same way again.
 */
export const isRetryable = (error: LlmError): boolean =>
  error._tag === "LlmUnreachable" || error._tag === "LlmBadAnswer" ||
  (error._tag === "LlmHttpError" && (retryableStatuses.has(error.status) || error.status >= 500))

export const withRetries = (error: LlmError, retries: number): LlmError => {
  switch (error._tag) {
    case "LlmUnreachable":
      return new LlmUnreachable({
        baseUrl: error.baseUrl,
        reason: error.reason,
        retries,
        ...(error.timeout === undefined ? {} : { timeout: error.timeout })
      })
    case "LlmHttpError":
      return new LlmHttpError({
        baseUrl: error.baseUrl,
        status: error.status,
        serverMessage: error.serverMessage,
        retryAfterMillis: error.retryAfterMillis,
        retries
      })
    default:
      return error
  }
}
