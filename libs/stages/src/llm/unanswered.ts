import { Effect, Schema } from "effect"
import type { LlmError } from "#llm"

/**
 * `maxUnanswered` in an LLM stage's configuration: the share of its requests (0 to 1) that may go unanswered (the
 * server unreachable, an HTTP error, the circuit open) while the stage still completes. 0, the default, fails the
 * stage on any.
 */
export const Unanswered = {
  maxUnanswered: Schema.optionalKey(Schema.Number.check(Schema.isBetween({ minimum: 0, maximum: 1 })))
}

/** More requests went unanswered than the stage's `maxUnanswered` allows. */
export class UnansweredRequests extends Schema.TaggedError<UnansweredRequests>()("UnansweredRequests", {
  stage: Schema.String,
  language: Schema.String,
  unanswered: Schema.Array(Schema.String),
  total: Schema.Int,
  maxUnanswered: Schema.Number,
  reason: Schema.String
}) {
  override get message() {
    const shown = this.unanswered.slice(0, 5).join(", ")
    const more = this.unanswered.length > 5 ? ` and ${this.unanswered.length - 5} more` : ""
    return `${this.stage} ${this.language}: ${this.unanswered.length} of ${this.total} unanswered (${shown}${more}), ` +
      `more than maxUnanswered ${this.maxUnanswered} allows; the first failure: ${this.reason}. The answers received ` +
      `are in the response cache: a rerun asks only for these`
  }
}

/**
 * Asks for every item, each to the end, so that every answer received is cached even when some fail. An item whose
 * request failed is `null` in the result; when more than `maxUnanswered` of the items failed, the stage fails naming
 * them instead. A response cache that cannot be written (a full disk) fails the stage whatever the share.
 */
export const askEach = <A, B, R>(
  items: ReadonlyArray<A>,
  ask: (item: A) => Effect.Effect<B, LlmError, R>,
  options: { readonly stage: string; readonly language: string; readonly id: (item: A) => string; readonly maxUnanswered?: number }
): Effect.Effect<Array<B | null>, LlmError | UnansweredRequests, R> =>
  Effect.gen(function*() {
    const results = yield* Effect.forEach(items, (item) => Effect.result(ask(item)), { concurrency: "unbounded" })
    const failures = results.flatMap((result, index) =>
      result._tag === "Failure" ? [{ id: options.id(items[index]), error: result.failure }] : []
    )
    const unwritable = failures.find(({ error }) => error._tag === "LlmCacheError")
    if (unwritable !== undefined) return yield* Effect.fail(unwritable.error)
    const maxUnanswered = options.maxUnanswered ?? 0
    if (failures.length > maxUnanswered * items.length) {
      return yield* new UnansweredRequests({
        stage: options.stage,
        language: options.language,
        unanswered: failures.map(({ id }) => id),
        total: items.length,
        maxUnanswered,
        reason: failures[0].error.message
      })
    }
    if (failures.length > 0) {
      yield* Effect.logWarning(
        `${options.stage} ${options.language}: ${failures.length} of ${items.length} unanswered, within maxUnanswered ` +
          `${maxUnanswered}, recorded as rejected (unanswered): ${failures.map(({ id }) => id).join(", ")}`
      )
    }
    return results.map((result) => (result._tag === "Success" ? result.success : null))
  })
