import { Schema, Struct } from "effect"

const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

/**
 * The deterministic counts: the same on every run over the same inputs, whether the answers came from the server,
 * the disk cache or a request in flight, because an answer's tokens are stored with it. Fit for a manifest, as long
 * as a call that fails fails the stage (as annotate, judge and translate do): `requests` counts failed calls too.
 */
export const LlmUsage = Schema.Struct({
  /** `complete` calls. */
  requests: Count,
  /** Sum of the prompt tokens the server reported for each call's answer (none reported counts 0). */
  promptTokens: Count,
  /** Sum of the completion tokens the server reported for each call's answer (none reported counts 0). */
  completionTokens: Count
})
export type LlmUsage = typeof LlmUsage.Type

/**
 * The run-dependent counts: they depend on what the cache already held and on how the server behaved. For log
 * lines, never for a manifest, or a rebuild from the cache would differ from the first build.
 */
export const LlmRunCounts = Schema.Struct({
  /** Calls answered without an HTTP request of their own (disk cache, or an identical request in flight). */
  cacheHits: Count,
  /** HTTP attempts repeated after a retryable failure. */
  retries: Count
})
export type LlmRunCounts = typeof LlmRunCounts.Type

/** Everything `LlmClient.stats` counts. */
export const LlmStats = Schema.Struct({ ...LlmUsage.fields, ...LlmRunCounts.fields })
export type LlmStats = typeof LlmStats.Type

/** The part of the stats a manifest may hold. */
export const llmUsage = (stats: LlmStats): LlmUsage => Struct.pick(stats, Struct.keys(LlmUsage.fields))
