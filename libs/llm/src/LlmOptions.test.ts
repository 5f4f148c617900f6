import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import * as fs from "node:fs"
import { LlmOptions, LlmSettings } from "./LlmOptions.ts"

/** The workspace's settings file, which this schema must decode as it is. */
const settingsFile = new URL("../llm.json", import.meta.url)
const decode = Schema.decodeUnknownSync(LlmSettings)

describe("LlmSettings", () => {
  it("decodes the workspace's settings file", () => {
    const settings = decode(JSON.parse(fs.readFileSync(settingsFile, "utf8")))
    assert.isNull(settings.baseUrl)
    assert.strictEqual(settings.apiKeyEnv, "FINERWEB_LLM_API_KEY")
    assert.isAbove(settings.concurrency, 0)
  })

  it("holds the options' fields, with the key's variable instead of the key and a nullable base URL", () => {
    const callersOwn = ["apiKey", "endpointLabel", "standIn"]
    const optionFields = Object.keys(LlmOptions.fields).filter((name) => !callersOwn.includes(name))
    assert.sameMembers(Object.keys(LlmSettings.fields), [...optionFields, "apiKeyEnv"])
  })

  it("checks each field as the options do", () => {
    const valid = {
      baseUrl: "http://127.0.0.1:8000/v1",
      model: "m",
      apiKeyEnv: "KEY",
      concurrency: 2,
      timeoutSeconds: 1.5,
      retries: 0,
      cacheDir: "c"
    }
    assert.strictEqual(decode(valid).timeoutSeconds, 1.5)
    for (const wrong of [{ concurrency: 0 }, { retries: -1 }, { baseUrl: "" }, { apiKeyEnv: "" }, { timeoutSeconds: 0 }]) {
      assert.throws(() => decode({ ...valid, ...wrong }), undefined, undefined, JSON.stringify(wrong))
    }
  })
})
