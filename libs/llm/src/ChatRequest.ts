import { Schema } from "effect"
import { canonicalJson } from "#files"

export const ChatRole = Schema.Literals(["system", "user", "assistant"])
export type ChatRole = typeof ChatRole.Type

export const ChatMessage = Schema.Struct({ role: ChatRole, content: Schema.String })
export type ChatMessage = typeof ChatMessage.Type

/**
 * The JSON Schema an answer must follow, named: sent as `response_format` where the client's `structuredOutput` is
 * "json-schema", and ignored (the prompt alone asks for the shape) where it is "prompt".
 */
export const AnswerFormat = Schema.Struct({
  name: Schema.String.check(Schema.isPattern(/^[A-Za-z0-9_-]{1,64}$/)),
  schema: Schema.Record(Schema.String, Schema.Unknown)
})
export type AnswerFormat = typeof AnswerFormat.Type

/** One chat completion to ask for; the model comes from `LlmOptions`. */
export const ChatRequest = Schema.Struct({
  messages: Schema.Array(ChatMessage),
  temperature: Schema.Finite,
  maxTokens: Schema.Int.check(Schema.isGreaterThan(0)),
  topP: Schema.optionalKey(Schema.Finite),
  seed: Schema.optionalKey(Schema.Int),
  responseFormat: Schema.optionalKey(AnswerFormat)
})
export type ChatRequest = typeof ChatRequest.Type

const Tokens = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

/** What the server said one answer cost, in its own tokenizer's tokens (its `usage`). */
export const TokenUsage = Schema.Struct({ promptTokens: Tokens, completionTokens: Tokens })
export type TokenUsage = typeof TokenUsage.Type

/**
 * Who produced an answer, as the lock records it: the endpoint (described, without credentials, or its label), the
 * model name the server reported and its `system_fingerprint` (null when it sent none).
 */
export const Producer = Schema.Struct({
  endpoint: Schema.String,
  model: Schema.String,
  systemFingerprint: Schema.NullOr(Schema.String)
})
export type Producer = typeof Producer.Type

/** Producers as a lock records them: each once, sorted by their canonical JSON. */
export const distinctProducers = (producers: Iterable<Producer>): Array<Producer> =>
  [...new Map([...producers].map((producer) => [canonicalJson(producer), producer]))]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, producer]) => producer)

/**
 * The model's answer. `usage` is null when the server did not report one. `rejected` is null for a usable answer;
 * otherwise the reason (`empty`, `truncated`, or the caller's own, e.g. `malformed`) the last of its attempts was
 * unusable when the attempt budget ran out: the caller decides what a rejected answer leaves in its output.
 * `cached` says it was answered without an HTTP request of its own: from the disk cache, or shared with an
 * identical request already in flight.
 */
export const ChatAnswer = Schema.Struct({
  content: Schema.String,
  finishReason: Schema.NullOr(Schema.String),
  model: Schema.String,
  usage: Schema.NullOr(TokenUsage),
  producer: Producer,
  rejected: Schema.NullOr(Schema.String),
  cached: Schema.Boolean
})
export type ChatAnswer = typeof ChatAnswer.Type
