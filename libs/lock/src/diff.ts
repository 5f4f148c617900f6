import { canonicalJson, type FileDigest } from "#files"
import type { LockEntry } from "./Lock.ts"

const digestPattern = /^[0-9a-f]{64}$/
const widest = 80

/** A value short enough for one line: a sha256 as its first 12 hex digits, anything else as compact JSON. */
export const shortValue = (value: unknown): string => {
  if (value === undefined) return "(none)"
  if (typeof value === "string" && digestPattern.test(value)) return value.slice(0, 12)
  const json = JSON.stringify(value)
  return json.length > widest ? `${json.slice(0, widest - 3)}...` : json
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** Each changed leaf under `key`, descending into objects so that a line names the config value or read file that changed. */
const diffValue = (key: string, before: unknown, after: unknown): Array<string> => {
  if (canonicalJson(before) === canonicalJson(after)) return []
  if (!isRecord(before) || !isRecord(after)) return [`${key} ${shortValue(before)} -> ${shortValue(after)}`]
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].toSorted()
  return keys.flatMap((name) => diffValue(`${key}.${name}`, before[name], after[name]))
}

const digestFields = ["sha256", "bytes", "rows"] as const

const diffDigest = (name: string, before: FileDigest | undefined, after: FileDigest | undefined): Array<string> => {
  const changed = digestFields
    .filter((field) => before?.[field] !== after?.[field])
    .map((field) => `${field} ${shortValue(before?.[field])} -> ${shortValue(after?.[field])}`)
  return changed.length === 0 ? [] : [`outputs ${name} ${changed.join(", ")}`]
}

/**
 * What changed from the pinned entry to the current one: each input key with its old and new value, then each output
 * file with the digest fields that changed. Empty when the two agree.
 */
export const diffEntry = (pinned: LockEntry, current: LockEntry): Array<string> => {
  const files = [...new Set([...Object.keys(pinned.outputs), ...Object.keys(current.outputs)])].toSorted()
  return [
    ...diffValue("inputs", pinned.inputs, current.inputs),
    ...files.flatMap((name) => diffDigest(name, pinned.outputs[name], current.outputs[name]))
  ]
}
