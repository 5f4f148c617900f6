import { Schema } from "effect"

export const ChatRole = Schema.Literals(["system", "user", "assistant"])
export type ChatRole = typeof ChatRole.Type

export const ChatMessage = Schema.Struct({ role: ChatRole, content: Schema.String })
export type ChatMessage = typeof ChatMessage.Type

/** One chat completion to ask for; the model comes from `LlmOptions`. */
export const ChatRequest = Schema.Struct({
  messages: Schema.Array(ChatMessage),
  temperature: Schema.Finite,
  maxTokens: Schema.Int.check(Schema.isGreaterThan(0)),
  topP: Schema.optionalKey(Schema.Finite),
  seed: Schema.optionalKey(Schema.Int)
})
export type ChatRequest = typeof ChatRequest.Type

/** The model's answer; `cached` says it came from the disk cache without any HTTP request. */
export const ChatAnswer = Schema.Struct({
  content: Schema.String,
  finishReason: Schema.NullOr(Schema.String),
  model: Schema.String,
  cached: Schema.Boolean
})
export type ChatAnswer = typeof ChatAnswer.Type
