import { Duration, Effect, Schedule } from "effect"
import { isRetryable } from "./errors.ts"
import type { LlmError } from "./errors.ts"

/** No backoff wait grows past this (before a server's own Retry-After, which always wins). */
export const maxBackoff = Duration.seconds(30)

/**
 * How long the server asked us to wait, from `retry-after-ms` (OpenAI's, milliseconds) or `retry-after`
 * (seconds or an HTTP date); undefined when it did not say or said something unreadable.
 */
export const retryAfterMillis = (headers: Headers | undefined, now: number = Date.now()): number | undefined => {
  const millis = Number.parseFloat(headers?.get("retry-after-ms") ?? "")
  if (Number.isFinite(millis) && millis >= 0) return millis
  const value = headers?.get("retry-after")?.trim()
  if (value === undefined || value === "") return undefined
  if (/^\d+(\.\d+)?$/.test(value)) return Number.parseFloat(value) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/**
 * Jittered exponential backoff from `backoffMillis`, capped at `maxBackoff`, at most `retries` times, only for
 * retryable errors, and never shorter than what the server asked for.
 */
export const retrySchedule = (options: { readonly retries: number; readonly backoffMillis: number }) =>
  Schedule.min([
    Schedule.exponential(Duration.millis(options.backoffMillis)).pipe(Schedule.jittered),
    Schedule.spaced(maxBackoff)
  ]).pipe(
    Schedule.setInputType<LlmError>(),
    Schedule.modifyDelay(({ duration, input }) =>
      Effect.succeed(
        input._tag === "LlmHttpError" && input.retryAfterMillis !== null
          ? Duration.max(duration, Duration.millis(input.retryAfterMillis))
          : duration
      )
    ),
    Schedule.while(({ input }) => isRetryable(input)),
    Schedule.upTo({ times: options.retries })
  )
