import { Schema, Struct } from "effect"
import { LlmUsage } from "#schema"

const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

/**
 * The run-dependent counts: they depend on what the cache already held and on how the server behaved. For log
 * lines and a lock fragment's `run`, never for a manifest, or a rebuild from the cache would differ from the first
 * build. The deterministic counts are `LlmUsage` (the manifests' schema): `requests` counts failed calls too, which
 * keeps it deterministic as long as a failed call fails the stage, as annotate, judge and translate do.
 */
const LlmRunCounts = Schema.Struct({
  /** Calls answered without an HTTP request of their own (disk cache, or an identical request in flight). */
  cacheHits: Count,
  /** HTTP attempts repeated after a retryable failure. */
  retries: Count
})

/** Everything `LlmClient.stats` counts. */
export const LlmStats = Schema.Struct({ ...LlmUsage.fields, ...LlmRunCounts.fields })
export type LlmStats = typeof LlmStats.Type

/** The part of the stats a manifest may hold. */
export const llmUsage = (stats: LlmStats): LlmUsage => Struct.pick(stats, Struct.keys(LlmUsage.fields))
