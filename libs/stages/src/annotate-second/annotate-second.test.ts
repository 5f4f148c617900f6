import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { ScoredPassage } from "#schema"
import { completion, startChatServer } from "#testing"
import { stageFiles } from "../table.ts"
import {
  noSecondAnnotatorManifest,
  readFragment,
  readOutput,
  runStageAt,
  tinyWorkspace,
  useLlmServer,
  writeStageFile
} from "../workspace.fixture.ts"

const code = "deu_Latn"
// Code points: "Kenia" 21-26, "Angela Merkel" 32-45, "Berlin" 49-55.
const kenya = "Die 😀 Delegation aus Kenia traf Angela Merkel in Berlin."
const kept = [new ScoredPassage({ id: "kenya#0", document: "kenya", chunk: 0, text: kenya, words: 9, url: null, score: 0.9 })]

const secondAnnotator = (url: string) => ({
  "libs/stages/src/annotate-second/config.json": () => JSON.stringify({ annotator: { baseUrl: url, model: "second-model" } })
})

describe("annotate-second", () => {
  it.live("with no second annotator configured, asks nothing and writes no passages", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(() => ({ body: completion(`[("Kenia", "country")]`) }))
      const root = tinyWorkspace([code], useLlmServer(server.url))
      writeStageFile(root, stageFiles.score.passages, code, kept)
      yield* runStageAt(root, "annotate-second", code)
      assert.strictEqual(server.received.length, 0)
      assert.deepStrictEqual(readOutput(root, stageFiles["annotate-second"].annotations, code), [])
      assert.deepStrictEqual(readOutput(root, stageFiles["annotate-second"].manifest, code), noSecondAnnotatorManifest)
      // annotate then keeps the first annotator's mentions as they are.
      yield* runStageAt(root, "annotate", code)
      const manifest = readOutput(root, stageFiles.annotate.manifest, code) as Record<string, unknown>
      assert.notProperty(manifest, "merge")
      assert.deepStrictEqual((readOutput(root, stageFiles.annotate.annotations, code) as Array<{ mentions: unknown }>)[0].mentions, [
        { start: 21, end: 26, label: "country", mention: "Kenia" }
      ])
    }))

  it.live("is a target of its own: annotate asks only the first annotator and merges the second's mentions", () =>
    Effect.gen(function*() {
      const first = yield* startChatServer(() => ({ body: completion(`[("Kenia", "country"), ("Angela Merkel", "person")]`) }))
      const second = yield* startChatServer(() => ({ body: completion(`[("Kenia", "countries"), ("Berlin", "city")]`) }))
      const root = tinyWorkspace([code], { ...useLlmServer(first.url), ...secondAnnotator(second.url) })
      writeStageFile(root, stageFiles.score.passages, code, kept)
      yield* runStageAt(root, "annotate-second", code)
      assert.strictEqual(first.received.length, 0)
      assert.strictEqual(second.received.length, 1)
      assert.strictEqual(second.received[0].body.model, "second-model")
      assert.deepStrictEqual(
        (readOutput(root, stageFiles["annotate-second"].annotations, code) as Array<{ mentions: unknown }>)[0].mentions,
        [{ start: 21, end: 26, label: "countries", mention: "Kenia" }, { start: 49, end: 55, label: "city", mention: "Berlin" }]
      )
      const secondFragment = readFragment(root, "annotate-second", code)
      assert.deepStrictEqual(secondFragment.inputs.llm, { model: "second-model", endpoint: second.url, standIn: false })
      assert.deepStrictEqual(secondFragment.inputs.producers.map((producer: { endpoint: string }) => producer.endpoint), [second.url])

      yield* runStageAt(root, "annotate", code)
      assert.strictEqual(first.received.length, 1)
      assert.strictEqual(second.received.length, 1)
      const annotated = readOutput(root, stageFiles.annotate.annotations, code) as Array<{ mentions: unknown }>
      // "country" and "countries" share 5 of their 7 and 9 trigrams (Dice 0.625): similar, so merged as "a / b".
      assert.deepStrictEqual(annotated[0].mentions, [
        { start: 21, end: 26, label: "country / countries", mention: "Kenia" },
        { start: 32, end: 45, label: "person", mention: "Angela Merkel" },
        { start: 49, end: 55, label: "city", mention: "Berlin" }
      ])
      const manifest = readOutput(root, stageFiles.annotate.manifest, code) as Record<string, unknown>
      assert.strictEqual(manifest.secondAnnotator, "second-model")
      assert.deepStrictEqual(manifest.merge, { agreements: 0, merges: 1, conflicts: 0, longer: 0, onlyFirst: 1, onlySecond: 1, dropped: 0 })
      assert.strictEqual((manifest.llm as { requests: number }).requests, 1)
      const fragment = readFragment(root, "annotate", code)
      assert.deepStrictEqual(fragment.inputs.producers.map((producer: { endpoint: string }) => producer.endpoint), [first.url])
      assert.match(fragment.inputs.reads["annotate-second/annotations.jsonl"], /^[0-9a-f]{64}$/)
    }))

  it.live("annotate refuses annotate-second's output when it holds other passages than score kept", () =>
    Effect.gen(function*() {
      const first = yield* startChatServer(() => ({ body: completion(`[("Kenia", "country")]`) }))
      const second = yield* startChatServer(() => ({ body: completion(`[("Kenia", "country")]`) }))
      const root = tinyWorkspace([code], { ...useLlmServer(first.url), ...secondAnnotator(second.url) })
      writeStageFile(root, stageFiles.score.passages, code, kept)
      yield* runStageAt(root, "annotate-second", code)
      writeStageFile(root, stageFiles.score.passages, code, [...kept, new ScoredPassage({ ...kept[0], id: "kenya#1", chunk: 1 })])
      const error = yield* Effect.flip(runStageAt(root, "annotate", code))
      assert.strictEqual((error as { _tag: string })._tag, "StaleSecondAnnotation")
      assert.include((error as Error).message, "run annotate-second deu_Latn again")
      assert.strictEqual(first.received.length, 0)
    }))
})
