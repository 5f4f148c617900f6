import { Result, Schema } from "effect"
import { sha256 } from "#files"
import { TEACHER_DESCRIPTION, TEACHER_FINGERPRINT, TEACHER_MODEL } from "./model.ts"
import { answer, answerObject, recognise, type TeacherTask } from "./prompt.ts"

/** An HTTP answer: status and JSON body. */
export interface Reply {
  readonly status: number
  readonly body: unknown
}

const TextPart = Schema.Struct({ type: Schema.String, text: Schema.optional(Schema.String) })

const ChatMessage = Schema.Struct({
  role: Schema.String,
  content: Schema.optional(Schema.NullOr(Schema.Union([Schema.String, Schema.Array(TextPart)])))
})

const TokenLimit = Schema.optional(Schema.NullOr(Schema.Int.check(Schema.isGreaterThan(0))))

/** `response_format`: plain text, any JSON object, or one following a JSON Schema. */
const ResponseFormat = Schema.Union([
  Schema.Struct({ type: Schema.Literals(["text", "json_object"]) }),
  Schema.Struct({
    type: Schema.Literal("json_schema"),
    json_schema: Schema.Struct({
      name: Schema.String,
      schema: Schema.optional(Schema.Record(Schema.String, Schema.Unknown)),
      strict: Schema.optional(Schema.NullOr(Schema.Boolean))
    })
  })
])

/** The subset of an OpenAI chat-completions request the teacher reads; other fields are ignored. */
export const ChatCompletionRequest = Schema.Struct({
  model: Schema.String,
  messages: Schema.NonEmptyArray(ChatMessage),
  stream: Schema.optional(Schema.NullOr(Schema.Boolean)),
  max_tokens: TokenLimit,
  max_completion_tokens: TokenLimit,
  response_format: Schema.optional(Schema.NullOr(ResponseFormat))
})
export type ChatCompletionRequest = typeof ChatCompletionRequest.Type

const ChatCompletionBody = Schema.fromJsonString(ChatCompletionRequest)

const error = (status: number, type: string, message: string): Reply => ({
  status,
  body: { error: { message, type, param: null, code: null } }
})

const words = (text: string) => text.split(/\s+/).filter((word) => word !== "").length

const contentText = (content: typeof ChatMessage.Type["content"]): string =>
  content === undefined || content === null
    ? ""
    : typeof content === "string"
    ? content
    : content.flatMap((part) => part.type === "text" && part.text !== undefined ? [part.text] : []).join("\n")

/** `POST /v1/chat/completions` with the raw request body. */
export const chatCompletion = (rawBody: string): Reply => {
  const decoded = Schema.decodeUnknownResult(ChatCompletionBody)(rawBody)
  if (Result.isFailure(decoded)) {
    return error(400, "invalid_request_error", `the request body is not a chat-completions request: ${decoded.failure.message}`)
  }
  const request = decoded.success
  if (request.stream === true) {
    return error(400, "invalid_request_error", `${TEACHER_DESCRIPTION}; it does not stream, send stream: false`)
  }
  if (request.model !== TEACHER_MODEL) {
    return error(404, "invalid_request_error", `the model "${request.model}" does not exist here; ${TEACHER_DESCRIPTION}, serving only "${TEACHER_MODEL}"`)
  }
  const user = request.messages.findLast((message) => message.role === "user")
  if (user === undefined) return error(400, "invalid_request_error", "the request holds no user message")
  const task = recognise(contentText(user.content))
  if (Result.isFailure(task)) return error(400, "invalid_request_error", task.failure)

  const full = request.response_format === undefined || request.response_format === null || request.response_format.type === "text"
    ? Result.succeed(answer(task.success))
    : jsonAnswer(task.success, request.response_format)
  if (Result.isFailure(full)) return error(400, "invalid_request_error", `${TEACHER_DESCRIPTION}; ${full.failure}`)
  const limit = request.max_completion_tokens ?? request.max_tokens
  // Tokens are approximated as 4 characters, so a cut answer is as long as `limit` tokens would be.
  const characters = [...full.success]
  const cut = limit !== undefined && limit !== null && characters.length > limit * 4
  const content = cut ? characters.slice(0, limit * 4).join("") : full.success
  const promptTokens = request.messages.reduce((total, message) => total + words(contentText(message.content)), 0)
  const completionTokens = words(content)
  return {
    status: 200,
    body: {
      id: `chatcmpl-${sha256(rawBody).slice(0, 32)}`,
      object: "chat.completion",
      created: 0,
      model: TEACHER_MODEL,
      system_fingerprint: TEACHER_FINGERPRINT,
      choices: [{
        index: 0,
        message: { role: "assistant", content, refusal: null },
        logprobs: null,
        finish_reason: cut ? "length" : "stop"
      }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens }
    }
  }
}

/**
 * The task's answer as JSON. The teacher has one JSON shape per task and cannot constrain itself to any other: a
 * schema that requires a property its answer lacks is refused, not answered in a shape the schema does not allow.
 */
const jsonAnswer = (task: TeacherTask, format: typeof ResponseFormat.Type): Result.Result<string, string> =>
  Result.flatMap(answerObject(task), (object) => {
    const schema = format.type === "json_schema" ? format.json_schema.schema : undefined
    const required = Array.isArray(schema?.required) ? schema.required.filter((key) => typeof key === "string") : []
    const missing = required.filter((key) => !Object.hasOwn(object, key))
    return missing.length === 0
      ? Result.succeed(JSON.stringify(object))
      : Result.fail(`its ${task.task} answer has the properties ${JSON.stringify(Object.keys(object))}, not the required ${JSON.stringify(missing)}`)
  })

/** `GET /v1/models`. */
export const models = (): Reply => ({
  status: 200,
  body: { object: "list", data: [{ id: TEACHER_MODEL, object: "model", created: 0, owned_by: TEACHER_DESCRIPTION }] }
})

/** Routes one request by method and path (query ignored). */
export const route = (method: string, url: string, rawBody: string): Reply => {
  const path = url.split("?")[0]
  if (method === "POST" && path === "/v1/chat/completions") return chatCompletion(rawBody)
  if (method === "GET" && path === "/v1/models") return models()
  return error(404, "not_found_error", `${TEACHER_DESCRIPTION}; it serves only POST /v1/chat/completions and GET /v1/models, not ${method} ${path}`)
}
