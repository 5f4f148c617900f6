import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { createHash } from "node:crypto"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { Passage } from "#schema"
import { completion, lastUserMessage, startChatServer } from "#testing"
import { stageFiles } from "../table.ts"
import { readFragment, readOutput, runStageAt, tinyWorkspace, useLlmServer, writeStageFile } from "../workspace.fixture.ts"

const sha256 = (bytes: string | Buffer) => createHash("sha256").update(bytes).digest("hex")
const code = "eng_Latn"

const passage = (id: string, text: string) =>
  new Passage({ id: `${id}#0`, document: id, chunk: 0, text, words: text.split(" ").length, url: null })

const passages = [
  passage("merkel", "Angela Merkel met Joe Biden in Berlin in 2021."),
  passage("rights", "Everyone has the right to education."),
  passage("menu", "Home About Contact"),
  passage("fenced", "Nairobi is the capital of Kenya."),
  passage("quoted", "Oslo lies in Norway."),
  passage("five", "Paris is in France."),
  passage("silent", "Lima is in Peru.")
]

/** The scripted rater: one answer per passage, whatever order the requests come in; none for Lima. */
const ratings: Record<string, string> = {
  "Angela Merkel": `{"justification": "people, a city and a year", "score": 3}`,
  "Everyone has": `{"justification": "no entities", "score": 1}`,
  "Home About": `{"justification": "a menu", "score": 1}`,
  "Nairobi is": "```json\n{\"justification\": \"two places\", \"score\": 2}\n```",
  "Oslo lies": `{"justification": "two places", "score": "2"}`,
  "Paris is": `{"justification": "too generous", "score": 5}`
}
const rater = startChatServer((_, body) => {
  const prompt = lastUserMessage(body)
  return { body: completion(ratings[Object.keys(ratings).find((start) => prompt.includes(start)) ?? ""] ?? "") }
})

describe("rate", () => {
  it.live("rates each sampled passage on the 1-4 scale, counts rejections by reason and the scores by value", () =>
    Effect.gen(function*() {
      const server = yield* rater
      const root = tinyWorkspace([code], useLlmServer(server.url))
      writeStageFile(root, stageFiles.sample.passages, code, passages)
      yield* runStageAt(root, "rate", code)

      assert.strictEqual(server.received.length, 7)
      const merkelPrompt = server.received.map((request) => lastUserMessage(request.body)).find((p) => p.includes("Merkel"))
      assert.include(merkelPrompt, `<chunk lang="en">\nAngela Merkel met Joe Biden in Berlin in 2021.\n</chunk>`)
      assert.include(merkelPrompt, "in English")
      const rows = readOutput(root, stageFiles.rate.ratings, code) as Array<Record<string, unknown>>
      assert.deepStrictEqual(rows.map((row) => row.id).sort(), ["fenced#0", "menu#0", "merkel#0", "rights#0"])
      assert.deepStrictEqual(rows.find((row) => row.id === "merkel#0"), {
        id: "merkel#0",
        document: "merkel",
        text: "Angela Merkel met Joe Biden in Berlin in 2021.",
        score: 3,
        justification: "people, a city and a year"
      })
      const manifest = readOutput(root, stageFiles.rate.manifest, code) as Record<string, unknown>
      assert.deepInclude(manifest, {
        rater: "served-model",
        standIn: false,
        seed: "finerweb-rate-1",
        passages: 7,
        sampled: 7,
        rated: 4,
        rejected: { "score-quoted": 1, "score-out-of-range": 1, empty: 1 },
        histogram: { "1": 2, "2": 1, "3": 1, "4": 0 }
      })
      const fragment = readFragment(root, "rate", code)
      assert.strictEqual(fragment.inputs.prompt, sha256(readFileSync(join(root, "libs/stages/src/rate/prompt.md"))))
      assert.strictEqual(fragment.outputs["ratings.jsonl"].rows, 4)
    }))

  it.live("rates a seeded sample of the configured size, the same one on every run", () =>
    Effect.gen(function*() {
      const server = yield* rater
      const sampleOfThree = {
        ...useLlmServer(server.url),
        "libs/stages/src/rate/config.json": (text: string) => JSON.stringify({ ...JSON.parse(text), perLanguage: 3 })
      }
      const sampled = () =>
        Effect.gen(function*() {
          const root = tinyWorkspace([code], sampleOfThree)
          writeStageFile(root, stageFiles.sample.passages, code, passages)
          yield* runStageAt(root, "rate", code)
          return (readOutput(root, stageFiles.rate.manifest, code) as { sampled: number }).sampled
        })
      assert.strictEqual(yield* sampled(), 3)
      const asked = new Set(server.received.map((request) => lastUserMessage(request.body)))
      assert.strictEqual(asked.size, 3)
      assert.strictEqual(yield* sampled(), 3)
      // The second workspace has its own empty response cache, so it asked again: for the same three passages.
      assert.deepStrictEqual(new Set(server.received.slice(3).map((request) => lastUserMessage(request.body))), asked)
    }))

  it.live("the offline teacher rates by its rule when no endpoint is configured, and is named a stand-in", () =>
    Effect.gen(function*() {
      const root = tinyWorkspace([code])
      writeStageFile(root, stageFiles.sample.passages, code, [
        passage(
          "merkel",
          "Angela Merkel met Joe Biden in Berlin in 2021 and they talked about the future of the relations between " +
            "their two countries for a long time."
        )
      ])
      yield* runStageAt(root, "rate", code)
      const manifest = readOutput(root, stageFiles.rate.manifest, code) as { rater: string; standIn: boolean }
      assert.include(manifest.rater, "a rule-based stand-in, not an LLM")
      assert.isTrue(manifest.standIn)
      const [row] = readOutput(root, stageFiles.rate.ratings, code) as Array<{ score: number; justification: string }>
      // 4 distinct entities (two people, a city, a year) of 3 types, clean: diverse, not rich.
      assert.strictEqual(row.score, 3)
      assert.include(row.justification, "rule-based stand-in")
      assert.deepStrictEqual(readFragment(root, "rate", code).inputs.llm, {
        model: "finerweb-offline-teacher-1",
        endpoint: "offline-teacher",
        standIn: true
      })
    }))
})
