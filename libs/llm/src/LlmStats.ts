import { Schema, Struct } from "effect"
import { LlmUsage } from "#schema"

const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))
const Seconds = Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0))

/**
 * The run-dependent counts: they depend on what the cache already held and on how the server behaved. For log
 * lines and a lock fragment's `run`, never for a manifest, or a rebuild from the cache (or a run that healed from
 * faults) would differ from the first clean build. The deterministic counts are `LlmUsage` (the manifests' schema):
 * `requests` counts calls, failed ones too, which keeps it deterministic as long as a failed call fails the stage,
 * as annotate, judge and translate do; its tokens are those of the answers handed out, not of discarded attempts.
 */
const LlmRunCounts = Schema.Struct({
  /** Calls answered without an HTTP request of their own (disk cache, or an identical request in flight). */
  cacheHits: Count,
  /** HTTP attempts repeated after a failure of the transport (status, reset, timeout, a page in place of JSON). */
  retries: Count,
  /** HTTP attempts sent, retries and discarded answers included. */
  attempts: Count,
  /** Attempts ended by a timeout, by which one. */
  timeouts: Schema.Struct({ firstToken: Count, idle: Count, total: Count }),
  /** Waits a 429 or 503 asked for with `Retry-After`, and the seconds asked. */
  rateLimitWaits: Count,
  rateLimitSeconds: Seconds,
  /** Answers discarded and asked again, by reason (`empty`, `truncated`, the caller's reasons). */
  badAnswers: Schema.Record(Schema.String, Count),
  /** Answers handed out unusable because the attempt budget ran out, by reason. */
  rejected: Schema.Record(Schema.String, Count),
  /** Tokens of every answer the server sent in this run, discarded ones included. */
  sentPromptTokens: Count,
  sentCompletionTokens: Count
})
export type LlmRunCounts = typeof LlmRunCounts.Type

/** Everything `LlmClient.stats` counts. */
export const LlmStats = Schema.Struct({ ...LlmUsage.fields, ...LlmRunCounts.fields })
export type LlmStats = typeof LlmStats.Type

export const emptyStats: LlmStats = {
  requests: 0,
  promptTokens: 0,
  completionTokens: 0,
  cacheHits: 0,
  retries: 0,
  attempts: 0,
  timeouts: { firstToken: 0, idle: 0, total: 0 },
  rateLimitWaits: 0,
  rateLimitSeconds: 0,
  badAnswers: {},
  rejected: {},
  sentPromptTokens: 0,
  sentCompletionTokens: 0
}

/** The part of the stats a manifest may hold. */
export const llmUsage = (stats: LlmStats): LlmUsage => Struct.pick(stats, Struct.keys(LlmUsage.fields))

/** `reason` counted once more. */
export const countReason = (counts: Readonly<Record<string, number>>, reason: string): Record<string, number> => ({
  ...counts,
  [reason]: (counts[reason] ?? 0) + 1
})

const reasons = (counts: Readonly<Record<string, number>>): string => {
  const entries = Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1))
  return entries.length === 0 ? "none" : entries.map(([reason, n]) => `${n} ${reason}`).join(", ")
}

/** The stats in words, for a stage's log line and the progress line. */
export const describeStats = (stats: LlmStats): string =>
  `${stats.requests} requests (${stats.cacheHits} from the response cache), ${stats.attempts} sent, ` +
  `${stats.retries} retries, timeouts ${stats.timeouts.firstToken} first-token/${stats.timeouts.idle} idle/` +
  `${stats.timeouts.total} total, ${stats.rateLimitWaits} rate-limit waits (${Math.round(stats.rateLimitSeconds)} s), ` +
  `bad answers asked again: ${reasons(stats.badAnswers)}; given up: ${reasons(stats.rejected)}; ` +
  `${stats.promptTokens} prompt and ${stats.completionTokens} completion tokens used ` +
  `(${stats.sentPromptTokens} and ${stats.sentCompletionTokens} sent by the server in this run)`
