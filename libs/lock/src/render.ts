import { canonicalJson } from "#files"

/** Sorted keys and two-space indentation: the lock diffs line by line and never reorders. */
export const renderLock = (value: unknown): string => JSON.stringify(JSON.parse(canonicalJson(value)), null, 2) + "\n"
