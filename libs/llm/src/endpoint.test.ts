import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { describeEndpoint } from "./endpoint.ts"
import { LlmClient } from "./LlmClient.ts"
import { clientLayer, options, tempDir } from "./client.fixture.ts"

const endpointOf = (baseUrl: string, overrides: Parameters<typeof options>[2] = {}) =>
  Effect.gen(function*() {
    const dir = yield* tempDir
    const llm = yield* Effect.provide(LlmClient, clientLayer(options(baseUrl, dir, overrides)))
    return llm.endpoint
  })

describe("describeEndpoint", () => {
  it("keeps scheme, host, port and path, and drops credentials, query, fragment and a trailing slash", () => {
    assert.strictEqual(describeEndpoint("https://api.example.org/v1"), "https://api.example.org/v1")
    assert.strictEqual(describeEndpoint("http://127.0.0.1:8000/v1/"), "http://127.0.0.1:8000/v1")
    assert.strictEqual(
      describeEndpoint("https://user:sk-pw@gateway.example.org:8443/openai/v1?api-key=sk-q#frag"),
      "https://gateway.example.org:8443/openai/v1"
    )
  })

  it("does not echo a URL it cannot parse", () => {
    assert.strictEqual(describeEndpoint("sk-pasted-key-by-mistake"), "(a base URL that does not parse)")
  })
})

describe("LlmClient.endpoint", () => {
  it.live("describes the base URL, and says no stand-in answers", () =>
    Effect.gen(function*() {
      const endpoint = yield* endpointOf("http://user:pw@127.0.0.1:8000/v1?key=k")
      assert.deepStrictEqual(endpoint, { model: "test-model", endpoint: "http://127.0.0.1:8000/v1", standIn: false })
    }))

  it.live("uses the label given for an endpoint whose URL changes between runs, and marks a stand-in", () =>
    Effect.gen(function*() {
      const endpoint = yield* endpointOf("http://127.0.0.1:41234/v1", { endpointLabel: "offline-teacher", standIn: true })
      assert.deepStrictEqual(endpoint, { model: "test-model", endpoint: "offline-teacher", standIn: true })
    }))
})
