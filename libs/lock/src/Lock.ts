import { Schema } from "effect"
import { FileDigest } from "#files"

/** What one target read (fingerprints, never a secret) and what it wrote (digests of its output files). */
export const LockEntry = Schema.Struct({
  inputs: Schema.Record(Schema.String, Schema.Unknown),
  outputs: Schema.Record(Schema.String, FileDigest)
})
export type LockEntry = typeof LockEntry.Type

/**
 * The piece of the lock a target writes beside its outputs as `lock.json`. `run` holds what differs between runs of
 * the same inputs (cache hits, retries): it stays in the fragment and is not folded into `datasets.lock`, whose
 * entries a rebuild must reproduce byte for byte.
 */
export const LockFragment = Schema.Struct({
  language: Schema.String,
  stage: Schema.String,
  ...LockEntry.fields,
  run: Schema.optional(Schema.Record(Schema.String, Schema.Unknown))
})
export type LockFragment = typeof LockFragment.Type

/** `datasets.lock`: every language's stages, folded from the fragments. */
export const LockFile = Schema.Struct({
  version: Schema.Literal(1),
  languages: Schema.Record(Schema.String, Schema.Record(Schema.String, LockEntry))
})
export type LockFile = typeof LockFile.Type

export const fragmentName = "lock.json"
export const lockName = "datasets.lock"
