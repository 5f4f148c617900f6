import { Schema } from "effect"
import { canonicalJson, sha256 } from "#files"
import { ChatMessage } from "./ChatRequest.ts"
import type { ChatRequest } from "./ChatRequest.ts"

/** How a request asks for its answer's shape (see `LlmOptions.structuredOutput`). */
export const StructuredOutput = Schema.Literals(["prompt", "json-schema"])
/** The field the token budget travels in (see `LlmOptions.tokenLimit`). */
export const TokenLimit = Schema.Literals(["max_tokens", "max_completion_tokens"])

/** How a client words its requests: it changes the wire body, so it is part of every key. */
export const RequestMode = Schema.Struct({ structuredOutput: StructuredOutput, tokenLimit: TokenLimit })
export type RequestMode = typeof RequestMode.Type

/** The mode of the requests of the committed dataset: prompt-only, the budget in `max_tokens`. */
export const promptMode: RequestMode = { structuredOutput: "prompt", tokenLimit: "max_tokens" }

/** The mode options (or `llm.json`) set, `promptMode` where they leave it out. */
export const requestMode = (options: Partial<RequestMode>): RequestMode => ({
  structuredOutput: options.structuredOutput ?? promptMode.structuredOutput,
  tokenLimit: options.tokenLimit ?? promptMode.tokenLimit
})

/** `response_format` as vLLM, SGLang, llama.cpp and OpenAI take it. */
const ResponseFormat = Schema.Struct({
  type: Schema.Literal("json_schema"),
  json_schema: Schema.Struct({ name: Schema.String, schema: Schema.Record(Schema.String, Schema.Unknown), strict: Schema.Literal(true) })
})

/**
 * Everything that decides a model's answer, in the chat-completions wire form. Absent options are null so that
 * "not given" has one spelling. The base URL and the API key are deliberately not part of it: the same model
 * served elsewhere gives the same answer, and a key must never reach the disk. `response_format` and `token_limit`
 * are absent in the prompt mode, so that its keys are the ones written before either existed.
 */
export const NormalisedRequest = Schema.Struct({
  model: Schema.String,
  messages: Schema.Array(ChatMessage),
  temperature: Schema.Finite,
  /** The token budget, whichever field carries it. */
  max_tokens: Schema.Int,
  top_p: Schema.NullOr(Schema.Finite),
  seed: Schema.NullOr(Schema.Int),
  response_format: Schema.optionalKey(ResponseFormat),
  /** Present only where the budget is sent as `max_completion_tokens`. */
  token_limit: Schema.optionalKey(Schema.Literal("max_completion_tokens"))
})
export type NormalisedRequest = typeof NormalisedRequest.Type

export const normaliseRequest = (model: string, request: ChatRequest, mode: RequestMode = promptMode): NormalisedRequest => ({
  model,
  // Rebuilt so that extra properties a caller's object happens to carry never change the key.
  messages: request.messages.map(({ role, content }) => ({ role, content })),
  temperature: request.temperature,
  max_tokens: request.maxTokens,
  top_p: request.topP ?? null,
  seed: request.seed ?? null,
  ...(mode.structuredOutput === "json-schema" && request.responseFormat !== undefined
    ? {
      response_format: {
        type: "json_schema" as const,
        json_schema: { name: request.responseFormat.name, schema: request.responseFormat.schema, strict: true as const }
      }
    }
    : {}),
  ...(mode.tokenLimit === "max_completion_tokens" ? { token_limit: mode.tokenLimit } : {})
})

/** sha256 (hex) of the canonical JSON of a normalised request. */
export const normalisedRequestKey = (request: NormalisedRequest): string =>
  sha256(canonicalJson(request))

/** The cache key of a request sent in `mode`: sha256 (hex) of the canonical JSON of the normalised request. */
export const requestKey = (model: string, request: ChatRequest, mode: RequestMode = promptMode): string =>
  normalisedRequestKey(normaliseRequest(model, request, mode))
