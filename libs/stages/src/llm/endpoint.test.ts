import * as NodeServices from "@effect/platform-node/NodeServices"
import { assert, describe, it } from "@effect/vitest"
import { ConfigProvider, Effect, Layer } from "effect"
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Workspace } from "#workspace"
import { currentEndpoint, llmTarget } from "./endpoint.ts"

/** `llmTarget` and `currentEndpoint` in a workspace whose `llm.json` has `settings` over the defaults, under `environment`. */
const targetAt = (settings: Record<string, unknown>, environment: Record<string, string>) =>
  Effect.acquireUseRelease(
    Effect.sync(() => mkdtempSync(join(tmpdir(), "llm-target-"))),
    (root) => {
      mkdirSync(join(root, "libs/llm"), { recursive: true })
      writeFileSync(join(root, "libs/llm/llm.json"), JSON.stringify({
        baseUrl: null,
        model: "m",
        apiKeyEnv: "KEY",
        concurrency: 4,
        timeoutSeconds: 10,
        retries: 1,
        cacheDir: ".cache",
        ...settings
      }))
      return Effect.all([llmTarget(), currentEndpoint()]).pipe(
        Effect.map(([{ baseUrl, replicas }, { endpoint }]) => ({ baseUrl, replicas, endpoint })),
        Effect.provide(Workspace.layer(root).pipe(Layer.provideMerge(NodeServices.layer))),
        Effect.provide(ConfigProvider.layer(ConfigProvider.fromEnvRecord(environment)))
      )
    },
    (root) => Effect.sync(() => rmSync(root, { recursive: true, force: true }))
  )

describe("llmTarget", () => {
  it.effect("reads replicas from a comma-separated FINERWEB_LLM_BASE_URL, and the lock's endpoint names them all", () =>
    Effect.gen(function*() {
      const target = yield* targetAt({}, { FINERWEB_LLM_BASE_URL: "http://a.example:8000/v1, http://user:pw@b.example:8000/v1" })
      assert.deepStrictEqual(target, {
        baseUrl: "http://a.example:8000/v1",
        replicas: ["http://user:pw@b.example:8000/v1"],
        endpoint: "http://a.example:8000/v1, http://b.example:8000/v1"
      })
    }))

  it.effect("takes llm.json's replicas, which a base URL in the environment replaces", () =>
    Effect.gen(function*() {
      const settings = { baseUrl: "http://a.example/v1", replicas: ["http://b.example/v1"] }
      assert.deepStrictEqual(yield* targetAt(settings, {}), {
        baseUrl: "http://a.example/v1",
        replicas: ["http://b.example/v1"],
        endpoint: "http://a.example/v1, http://b.example/v1"
      })
      assert.deepStrictEqual(yield* targetAt(settings, { FINERWEB_LLM_BASE_URL: "http://c.example/v1" }), {
        baseUrl: "http://c.example/v1",
        replicas: [],
        endpoint: "http://c.example/v1"
      })
    }))
})
