import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import OpenAI from "openai"
import { TEACHER_FINGERPRINT, TEACHER_MODEL } from "./model.ts"
import { startTeacher } from "./server.ts"

const client = Effect.map(startTeacher(), ({ baseUrl }) => new OpenAI({ baseURL: baseUrl, apiKey: "unused", maxRetries: 0 }))

const userMessage = (content: string) => [{ role: "user" as const, content }]

const complete = (openai: OpenAI, content: string, maxTokens?: number) =>
  Effect.promise(() =>
    openai.chat.completions.create({
      model: TEACHER_MODEL,
      messages: [{ role: "system", content: "You annotate named entities." }, ...userMessage(content)],
      ...(maxTokens === undefined ? {} : { max_tokens: maxTokens })
    })
  )

/** The API error a request fails with. */
const failure = (request: () => Promise<unknown>) =>
  Effect.promise(() =>
    request().then(
      () => assert.fail("the request should have failed"),
      (error: unknown) => {
        assert.instanceOf(error, OpenAI.APIError)
        return error as InstanceType<typeof OpenAI.APIError>
      }
    )
  )

const annotatePrompt = `Annotate.\n<passage lang="fr">\nLe Kenya et la France en mars 2019.\n</passage>`

describe("teacher server, through the openai SDK", () => {
  it.effect("lists its one model, saying it is not an LLM", () =>
    Effect.gen(function*() {
      const openai = yield* client
      const models = yield* Effect.promise(() => openai.models.list())
      assert.deepStrictEqual(models.data.map((model) => model.id), [TEACHER_MODEL])
      assert.match(models.data[0].owned_by, /rule-based stand-in, not an LLM/)
    }))

  it.effect("annotates", () =>
    Effect.gen(function*() {
      const openai = yield* client
      const completion = yield* complete(openai, annotatePrompt)
      assert.strictEqual(completion.choices[0].message.content,
        '[("Kenya", "country"), ("France", "country"), ("mars 2019", "date")]')
      assert.strictEqual(completion.choices[0].finish_reason, "stop")
      assert.strictEqual(completion.model, TEACHER_MODEL)
      assert.strictEqual(completion.system_fingerprint, TEACHER_FINGERPRINT)
      assert.strictEqual(completion.created, 0)
      assert.deepStrictEqual(completion.usage, { prompt_tokens: 16, completion_tokens: 7, total_tokens: 23 })
    }))

  it.effect("judges", () =>
    Effect.gen(function*() {
      const openai = yield* client
      const completion = yield* complete(openai,
        `${annotatePrompt}\n<annotations>\n[("Kenya", "country"), ("Paris", "city")]\n</annotations>`)
      assert.deepStrictEqual(JSON.parse(completion.choices[0].message.content ?? ""), {
        faithfulness: 3,
        completeness: 2,
        missing: [{ mention: "France", label: "country" }, { mention: "mars 2019", label: "date" }],
        extra: [{ mention: "Paris", label: "city" }],
        wrong: []
      })
    }))

  it.effect("translates", () =>
    Effect.gen(function*() {
      const openai = yield* client
      const completion = yield* complete(openai, `Translate the labels.\n<labels lang="fr">\n["year", "person"]\n</labels>`)
      assert.deepStrictEqual(JSON.parse(completion.choices[0].message.content ?? ""), { year: "année", person: "person" })
    }))

  it.effect("answers the same request with the same bytes", () =>
    Effect.gen(function*() {
      const openai = yield* client
      const first = yield* complete(openai, annotatePrompt)
      const second = yield* complete(openai, annotatePrompt)
      const other = yield* complete(openai, `${annotatePrompt} `)
      assert.strictEqual(JSON.stringify(first), JSON.stringify(second))
      assert.notStrictEqual(first.id, other.id)
    }))

  it.effect("cuts an answer longer than max_tokens * 4 characters", () =>
    Effect.gen(function*() {
      const openai = yield* client
      const completion = yield* complete(openai, annotatePrompt, 5)
      // 5 tokens: 20 characters.
      assert.strictEqual(completion.choices[0].message.content, '[("Kenya", "country"')
      assert.strictEqual(completion.choices[0].finish_reason, "length")
    }))

  it.effect("refuses to stream", () =>
    Effect.gen(function*() {
      const openai = yield* client
      const error = yield* failure(() =>
        openai.chat.completions.create({ model: TEACHER_MODEL, messages: userMessage(annotatePrompt), stream: true }))
      assert.strictEqual(error.status, 400)
      assert.match(error.message, /does not stream/)
    }))

  it.effect("refuses a prompt of no finerweb shape", () =>
    Effect.gen(function*() {
      const openai = yield* client
      const error = yield* failure(() =>
        openai.chat.completions.create({ model: TEACHER_MODEL, messages: userMessage("What is the capital of Kenya?") }))
      assert.strictEqual(error.status, 400)
      assert.match(error.message, /only answers the finerweb annotate/)
      assert.strictEqual(error.type, "invalid_request_error")
    }))

  it.effect("refuses another model's name", () =>
    Effect.gen(function*() {
      const openai = yield* client
      const error = yield* failure(() =>
        openai.chat.completions.create({ model: "gpt-4o", messages: userMessage(annotatePrompt) }))
      assert.strictEqual(error.status, 404)
    }))

  it.effect("answers 404 on any other path", () =>
    Effect.gen(function*() {
      const openai = yield* client
      const error = yield* failure(() => openai.models.retrieve(TEACHER_MODEL))
      assert.strictEqual(error.status, 404)
      assert.match(error.message, /serves only POST \/v1\/chat\/completions and GET \/v1\/models/)
    }))

  it.effect("refuses a malformed body", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* startTeacher()
      const response = yield* Effect.promise(() =>
        fetch(`${baseUrl}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: "{\"model\":" }))
      assert.strictEqual(response.status, 400)
      const body = (yield* Effect.promise(() => response.json())) as { error: { type: string; message: string } }
      assert.strictEqual(body.error.type, "invalid_request_error")
      assert.match(body.error.message, /not a chat-completions request/)
    }))

  it.effect("closes when its scope closes", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Effect.scoped(startTeacher())
      const refused = yield* Effect.promise(() => fetch(`${baseUrl}/models`).then(() => false, () => true))
      assert.isTrue(refused)
    }))

  it.effect("fails with a TeacherError when the port is taken", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* startTeacher()
      const port = Number(new URL(baseUrl).port)
      const error = yield* Effect.flip(startTeacher({ port }))
      assert.strictEqual(error._tag, "TeacherError")
      assert.include(error.message, `127.0.0.1:${port}`)
    }))

  it.effect("answers in the JSON shape a response_format asks for, and refuses a schema its answer cannot follow", () =>
    Effect.gen(function*() {
      const openai = yield* client
      const ask = (schema: Record<string, unknown>) =>
        openai.chat.completions.create({
          model: TEACHER_MODEL,
          messages: userMessage(annotatePrompt),
          max_completion_tokens: 256,
          response_format: { type: "json_schema", json_schema: { name: "mention_list", schema, strict: true } }
        })
      const entities = { type: "object", properties: { entities: { type: "array" } }, required: ["entities"], additionalProperties: false }
      const completion = yield* Effect.promise(() => ask(entities))
      assert.deepStrictEqual(JSON.parse(completion.choices[0].message.content ?? ""), {
        entities: [
          { mention: "Kenya", type: "country" },
          { mention: "France", type: "country" },
          { mention: "mars 2019", type: "date" }
        ]
      })
      const refused = yield* failure(() => ask({ type: "object", properties: { people: { type: "array" } }, required: ["people"] }))
      assert.strictEqual(refused.status, 400)
      assert.match(refused.message, /not the required \["people"\]/)
    }))
})
