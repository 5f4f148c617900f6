import { Schema } from "effect"
import { canonicalJson, sha256 } from "#files"
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

/** sha256 (hex) of the canonical JSON of a normalised request. */
export const normalisedRequestKey = (request: NormalisedRequest): string =>
  sha256(canonicalJson(request))

/** The cache key of a request: sha256 (hex) of the canonical JSON of the normalised request. */
export const requestKey = (model: string, request: ChatRequest): string =>
  normalisedRequestKey(normaliseRequest(model, request))
