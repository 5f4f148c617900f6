import { createHash } from "node:crypto"
import { Schema } from "effect"
import { ChatMessage } from "./ChatRequest.ts"
import type { ChatRequest } from "./ChatRequest.ts"

/**
 * Everything that decides a model's answer, in the chat-completions wire form. Absent options are null so that
 * "not given" has one spelling. The base URL and the API key are deliberately not part of it: the same model
 * served elsewhere gives the same answer, and a key must never reach the disk.
 */
export const NormalisedRequest = Schema.Struct({
  model: Schema.String,
  messages: Schema.Array(ChatMessage),
  temperature: Schema.Finite,
  max_tokens: Schema.Int,
  top_p: Schema.NullOr(Schema.Finite),
  seed: Schema.NullOr(Schema.Int)
})
export type NormalisedRequest = typeof NormalisedRequest.Type

export const normaliseRequest = (model: string, request: ChatRequest): NormalisedRequest => ({
  model,
  // Rebuilt so that extra properties a caller's object happens to carry never change the key.
  messages: request.messages.map(({ role, content }) => ({ role, content })),
  temperature: request.temperature,
  max_tokens: request.maxTokens,
  top_p: request.topP ?? null,
  seed: request.seed ?? null
})

/** JSON with object keys sorted at every depth, so equal values always give equal text. */
export const canonicalJson = (value: unknown): string => JSON.stringify(sortKeys(value))

const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])])
    )
  }
  return value
}

/** sha256 (hex) of the canonical JSON of a normalised request. */
export const normalisedRequestKey = (request: NormalisedRequest): string =>
  createHash("sha256").update(canonicalJson(request)).digest("hex")

/** The cache key of a request: sha256 (hex) of the canonical JSON of the normalised request. */
export const requestKey = (model: string, request: ChatRequest): string =>
  normalisedRequestKey(normaliseRequest(model, request))
