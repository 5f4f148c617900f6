/** The adaptive concurrency limit (AIMD) and when it last went down. */
export interface Aimd {
  readonly limit: number
  readonly lastDecrease: number
}

/**
 * After a 429 to a request sent at `sentAt`: the limit halved (never below 1), unless the request was sent before the
 * last decrease: a burst of 429s to requests sent at the old limit halves it once, not once per request.
 */
export const afterRateLimit = (state: Aimd, sentAt: number, now: number): Aimd =>
  sentAt > state.lastDecrease && state.limit > 1 ? { limit: Math.max(1, Math.floor(state.limit / 2)), lastDecrease: now } : state

/** After an answer: one more request in flight, up to the configured `max`. */
export const afterAnswer = (state: Aimd, max: number): Aimd =>
  state.limit < max ? { ...state, limit: state.limit + 1 } : state

/** A token bucket: what is left to spend, and when it was last counted. */
export interface Bucket {
  readonly available: number
  readonly at: number
}

/** A bucket may hold ten seconds' worth: a burst, but not a minute's quota at once. */
const burstSeconds = 10

export const fullBucket = (perMinute: number, now: number): Bucket => ({ available: (perMinute / 60) * burstSeconds, at: now })

/**
 * Takes `amount` from a bucket refilled at `perMinute`: the new bucket, and how long to wait before sending. What is
 * taken is reserved at once (the bucket may go below zero), so that callers waiting together queue one behind another.
 */
export const take = (bucket: Bucket, amount: number, perMinute: number, now: number): { bucket: Bucket; waitMillis: number } => {
  const perMilli = perMinute / 60_000
  const capacity = (perMinute / 60) * burstSeconds
  const refilled = Math.min(capacity, bucket.available + (now - bucket.at) * perMilli)
  const available = refilled - amount
  return { bucket: { available, at: now }, waitMillis: available >= 0 ? 0 : -available / perMilli }
}
