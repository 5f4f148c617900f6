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

/** How many recent times to first token `slotDeadline` looks at. */
export const progressWindow = 64

/**
 * How long an attempt may go without its first token (its whole answer, when not streamed) before it gives its slot
 * back: four times the 90th percentile of `recent` times, never less than `floorMillis`. A server that is slow for
 * everyone raises it; one request far slower than the rest is taken for hung.
 */
export const slotDeadline = (recent: ReadonlyArray<number>, floorMillis: number): number => {
  if (recent.length === 0) return floorMillis
  const sorted = [...recent].sort((a, b) => a - b)
  return Math.max(floorMillis, 4 * sorted[Math.ceil(0.9 * sorted.length) - 1]!)
}

/** What `leastOutstanding` needs to know of a replica. */
export interface Outstanding {
  readonly inFlight: number
  readonly setAside: boolean
}

/**
 * The replica for the next attempt: the fewest attempts in flight among those not set aside, ties by order. `avoid`
 * (the one the previous attempt failed on) is taken only when no other is left; undefined when all are set aside.
 */
export const leastOutstanding = <R extends Outstanding>(replicas: ReadonlyArray<R>, avoid?: R): R | undefined => {
  let best: R | undefined
  for (const replica of replicas) {
    if (replica.setAside || replica === avoid) continue
    if (best === undefined || replica.inFlight < best.inFlight) best = replica
  }
  return best ?? (avoid === undefined || avoid.setAside ? undefined : avoid)
}
