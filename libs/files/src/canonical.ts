import { createHash } from "node:crypto"

/** JSON with object keys sorted at every depth, so equal values always serialise to equal bytes. */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v)

export const sha256 = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex")
