import { Option, Result, Schema } from "effect"
import { TokenUsage } from "./ChatRequest.ts"
import { describeBody } from "./heal.ts"
import type { StoredAnswer } from "./ResponseCache.ts"

/** The part of a chat-completions answer we use; everything else the server sends is ignored. */
const CompletionBody = Schema.Struct({
  model: Schema.optionalKey(Schema.String),
  system_fingerprint: Schema.optionalKey(Schema.NullOr(Schema.String)),
  choices: Schema.Array(Schema.Struct({
    message: Schema.Struct({ content: Schema.optionalKey(Schema.NullOr(Schema.String)) }),
    finish_reason: Schema.optionalKey(Schema.NullOr(Schema.String))
  })),
  usage: Schema.optionalKey(Schema.Unknown)
})
const decodeCompletionBody = Schema.decodeUnknownResult(CompletionBody)

/** A usage the server did not send, or sent in a shape we cannot read, is none: the answer is still good. */
const decodeUsage = Schema.decodeUnknownOption(Schema.Struct({
  prompt_tokens: TokenUsage.fields.promptTokens,
  completion_tokens: TokenUsage.fields.completionTokens
}))

/**
 * A chat-completions body (an HTTP answer's, or a batch output line's) as the answer the cache stores, produced by
 * `endpoint`; `model` where the server names none. Fails with a one-line description, masked by `mask`, of a body
 * that holds no answer: text (an HTML page), another shape, no choices.
 */
export const readCompletion = (
  body: unknown,
  context: { readonly model: string; readonly endpoint: string; readonly mask: (text: string) => string }
): Result.Result<StoredAnswer, string> => {
  if (typeof body === "string") return Result.fail(describeBody(context.mask(body)))
  const decoded = decodeCompletionBody(body)
  if (Result.isFailure(decoded)) return Result.fail(describeBody(context.mask(`unexpected shape: ${decoded.failure.message}`)))
  const choice = decoded.success.choices[0]
  if (choice === undefined) return Result.fail("no choices")
  const usage = decodeUsage(decoded.success.usage).pipe(
    Option.map((u): TokenUsage => ({ promptTokens: u.prompt_tokens, completionTokens: u.completion_tokens })),
    Option.getOrNull
  )
  const model = decoded.success.model ?? context.model
  return Result.succeed({
    // No content is an empty answer, asked again like one.
    content: choice.message.content ?? "",
    finishReason: choice.finish_reason ?? null,
    model,
    usage,
    producer: { endpoint: context.endpoint, model, systemFingerprint: decoded.success.system_fingerprint ?? null }
  })
}
