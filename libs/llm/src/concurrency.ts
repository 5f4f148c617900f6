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
