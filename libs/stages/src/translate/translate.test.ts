import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { AnnotatedPassage } from "#schema"
import { completion, lastUserMessage, startChatServer } from "#testing"
import { stageFiles } from "../table.ts"
import { readOutput, runStageAt, tinyWorkspace, useLlmServer, writeStageFile } from "../workspace.fixture.ts"

const annotations = [
  new AnnotatedPassage({
    id: "a#0",
    document: "a",
    text: "Angela Merkel lebt in Berlin, Deutschland.",
    mentions: [
      { start: 0, end: 13, label: "person", mention: "Angela Merkel" },
      { start: 22, end: 28, label: "city", mention: "Berlin" },
      { start: 30, end: 41, label: "country", mention: "Deutschland" }
    ],
    rejected: {}
  })
]

describe("translate", () => {
  it.live("translates the label set in one request; a label left out stays English and is marked untranslated", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(() => ({ body: completion(`{"city": "Stadt", "country": "Land", "person": "person"}`) }))
      const root = tinyWorkspace(["deu_Latn"], useLlmServer(server.url))
      writeStageFile(root, stageFiles.annotate.annotations, "deu_Latn", annotations)
      yield* runStageAt(root, "translate", "deu_Latn")

      assert.strictEqual(server.received.length, 1)
      assert.include(lastUserMessage(server.received[0].body), `["city","country","person"]`)
      const labels = readOutput(root, stageFiles.translate.labels, "deu_Latn") as Record<string, unknown>
      assert.deepInclude(labels, { language: "deu_Latn", translator: "served-model" })
      assert.deepStrictEqual(labels.labels, [
        { label: "city", translation: "Stadt", translated: true },
        { label: "country", translation: "Land", translated: true },
        { label: "person", translation: "person", translated: false }
      ])
      assert.deepInclude(readOutput(root, stageFiles.translate.manifest, "deu_Latn"), {
        labels: 3,
        translated: 2,
        untranslated: ["person"]
      })
    }))

  it.live("asks nothing for English, whose labels are already in the language", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(() => ({ body: completion("{}") }))
      const root = tinyWorkspace(["eng_Latn"], useLlmServer(server.url))
      writeStageFile(root, stageFiles.annotate.annotations, "eng_Latn", annotations)
      yield* runStageAt(root, "translate", "eng_Latn")
      assert.strictEqual(server.received.length, 0)
      const labels = readOutput(root, stageFiles.translate.labels, "eng_Latn") as { labels: Array<{ translated: boolean }> }
      assert.isTrue(labels.labels.every((label) => label.translated))
    }))
})
