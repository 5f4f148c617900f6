import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { AnnotatedPassage } from "#schema"
import { completion, lastUserMessage, startChatServer } from "#testing"
import { stageFiles } from "../table.ts"
import { readFragment, readOutput, runStageAt, tinyWorkspace, useLlmServer, writeStageFile } from "../workspace.fixture.ts"

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

/** One passage whose mentions carry the given labels (the mention text does not matter to translate). */
const labelled = (labels: ReadonlyArray<string>) => [
  new AnnotatedPassage({
    id: "b#0",
    document: "b",
    text: "x".repeat(labels.length),
    mentions: labels.map((label, index) => ({ start: index, end: index + 1, label, mention: "x" })),
    rejected: {}
  })
]

/** Seven labels, given out of order and one twice; sorted: band, city, country, person, planet, river, year. */
const sevenLabels = ["year", "city", "river", "person", "band", "country", "planet", "city"]

/** The labels a translate prompt asks for, read back from its labels block. */
const askedLabels = (body: Record<string, unknown>): Array<string> =>
  JSON.parse(/<labels[^>]*>\n(.*)\n<\/labels>/s.exec(lastUserMessage(body))![1])

/** A scripted translator that answers "de:<label>" for every asked label, except for a batch that `breaks`. */
const translator = (breaks: (labels: Array<string>) => { status?: number; content?: string } | null) =>
  startChatServer((_, body) => {
    const labels = askedLabels(body)
    const broken = breaks(labels)
    if (broken?.status !== undefined) return { status: broken.status, body: { error: { message: "overloaded" } } }
    return { body: completion(broken?.content ?? JSON.stringify(Object.fromEntries(labels.map((label) => [label, `de:${label}`])))) }
  })

const batchesOf = (size: number) => ({
  "libs/stages/src/translate/config.json": (text: string) => JSON.stringify({ ...JSON.parse(text), batchSize: size })
})

describe("translate", () => {
  it.live("asks for each distinct label once, sorted, in consecutive batches of the configured size", () =>
    Effect.gen(function*() {
      const server = yield* translator(() => null)
      const root = tinyWorkspace(["deu_Latn"], { ...useLlmServer(server.url), ...batchesOf(3) })
      writeStageFile(root, stageFiles.annotate.annotations, "deu_Latn", labelled(sevenLabels))
      yield* runStageAt(root, "translate", "deu_Latn")

      // ceil(7 / 3) = 3 requests
      assert.deepStrictEqual(server.received.map((request) => askedLabels(request.body)).sort(), [
        ["band", "city", "country"],
        ["person", "planet", "river"],
        ["year"]
      ])
      const labels = readOutput(root, stageFiles.translate.labels, "deu_Latn") as { labels: Array<unknown> }
      assert.deepStrictEqual(labels.labels, ["band", "city", "country", "person", "planet", "river", "year"].map((label) => ({
        label,
        translation: `de:${label}`,
        translated: true
      })))
      assert.deepInclude(readOutput(root, stageFiles.translate.manifest, "deu_Latn"), {
        labels: 7,
        translated: 7,
        untranslated: [],
        batches: 3,
        failedBatches: 0
      })
    }))

  it.live("a batch answered without an object or with an HTTP error leaves only its own labels untranslated", () =>
    Effect.gen(function*() {
      const server = yield* translator((labels) =>
        labels.includes("city") ? { content: "Entschuldigung, das kann ich nicht." } : labels.includes("year") ? { status: 400 } : null
      )
      const root = tinyWorkspace(["deu_Latn"], { ...useLlmServer(server.url), ...batchesOf(3) })
      writeStageFile(root, stageFiles.annotate.annotations, "deu_Latn", labelled(sevenLabels))
      yield* runStageAt(root, "translate", "deu_Latn")

      assert.strictEqual(server.received.length, 3)
      const labels = readOutput(root, stageFiles.translate.labels, "deu_Latn") as { labels: Array<unknown> }
      assert.deepStrictEqual(labels.labels, [
        { label: "band", translation: "band", translated: false },
        { label: "city", translation: "city", translated: false },
        { label: "country", translation: "country", translated: false },
        { label: "person", translation: "de:person", translated: true },
        { label: "planet", translation: "de:planet", translated: true },
        { label: "river", translation: "de:river", translated: true },
        { label: "year", translation: "year", translated: false }
      ])
      assert.deepInclude(readOutput(root, stageFiles.translate.manifest, "deu_Latn"), {
        labels: 7,
        translated: 3,
        untranslated: ["band", "city", "country", "year"],
        batches: 3,
        failedBatches: 2
      })
    }))

  it.live("a rerun takes every batch from the response cache and asks the server nothing", () =>
    Effect.gen(function*() {
      const server = yield* translator(() => null)
      const root = tinyWorkspace(["deu_Latn"], { ...useLlmServer(server.url), ...batchesOf(2) })
      writeStageFile(root, stageFiles.annotate.annotations, "deu_Latn", labelled(sevenLabels))
      yield* runStageAt(root, "translate", "deu_Latn")
      assert.strictEqual(server.received.length, 4)
      const first = readOutput(root, stageFiles.translate.labels, "deu_Latn")

      yield* runStageAt(root, "translate", "deu_Latn")
      assert.strictEqual(server.received.length, 4)
      assert.deepStrictEqual(readOutput(root, stageFiles.translate.labels, "deu_Latn"), first)
      assert.deepInclude(readFragment(root, "translate", "deu_Latn").run as object, { requests: 4, cacheHits: 4 })
    }))

  it.live("translates a small label set in one request; a label left out stays English and is marked untranslated", () =>
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
