import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { lastUserMessage, startChatServer } from "#testing"
import type { AnswerFormat } from "./ChatRequest.ts"
import { ask, options, run, tempDir } from "./client.fixture.ts"
import { requestKey } from "./requestKey.ts"

const format: AnswerFormat = {
  name: "mention_list",
  schema: { type: "object", properties: { entities: { type: "array" } }, required: ["entities"], additionalProperties: false }
}

describe("structured output and the token field", () => {
  it.live("prompt mode, the default, sends neither response_format nor max_completion_tokens", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(() => ({}))
      const dir = yield* tempDir
      yield* run(options(server.url, dir), ask("Ada met Lin.", { responseFormat: format }))
      const body = server.received[0].body
      assert.strictEqual(body.max_tokens, 32)
      assert.notProperty(body, "response_format")
      assert.notProperty(body, "max_completion_tokens")
    }))

  it.live("json-schema mode sends the schema as a strict response_format; the budget can travel as max_completion_tokens", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(() => ({}))
      const dir = yield* tempDir
      const opts = options(server.url, dir, { structuredOutput: "json-schema", tokenLimit: "max_completion_tokens" })
      yield* run(opts, ask("Ada met Lin.", { responseFormat: format }), ask("No format."))
      const sent = (text: string) => server.received.find((request) => lastUserMessage(request.body) === text)!
      const [withFormat, without] = [sent("Ada met Lin."), sent("No format.")]
      assert.deepStrictEqual(withFormat.body.response_format, {
        type: "json_schema",
        json_schema: { name: "mention_list", schema: format.schema, strict: true }
      })
      assert.strictEqual(withFormat.body.max_completion_tokens, 32)
      assert.notProperty(withFormat.body, "max_tokens")
      // A request without a format of its own is asked by its prompt alone.
      assert.notProperty(without.body, "response_format")
      assert.strictEqual(without.body.max_completion_tokens, 32)
    }))

  it.live("each mode is its own cache entry: switching modes asks again, the same mode does not", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(() => ({}))
      const dir = yield* tempDir
      const request = ask("Ada met Lin.", { responseFormat: format })
      yield* run(options(server.url, dir), request)
      yield* run(options(server.url, dir, { structuredOutput: "json-schema" }), request)
      yield* run(options(server.url, dir, { tokenLimit: "max_completion_tokens" }), request)
      yield* run(options(server.url, dir, { structuredOutput: "json-schema" }), request)
      assert.strictEqual(server.received.length, 3)
    }))
})

describe("requestKey and the request mode", () => {
  const request = ask("Ada met Lin.", { responseFormat: format })
  const prompt = requestKey("m", request)

  it("keeps the prompt mode's key as it was before modes existed: the format is not sent, so not keyed", () => {
    assert.strictEqual(prompt, requestKey("m", ask("Ada met Lin.")))
    assert.strictEqual(requestKey("m", request, { structuredOutput: "prompt", tokenLimit: "max_tokens" }), prompt)
  })

  it("differs with the response format and with the token field", () => {
    const schema = requestKey("m", request, { structuredOutput: "json-schema", tokenLimit: "max_tokens" })
    const completionTokens = requestKey("m", request, { structuredOutput: "prompt", tokenLimit: "max_completion_tokens" })
    assert.notStrictEqual(schema, prompt)
    assert.notStrictEqual(completionTokens, prompt)
    assert.notStrictEqual(completionTokens, schema)
    const otherSchema = { ...request, responseFormat: { ...format, schema: { type: "object" } } }
    assert.notStrictEqual(requestKey("m", otherSchema, { structuredOutput: "json-schema", tokenLimit: "max_tokens" }), schema)
  })
})
