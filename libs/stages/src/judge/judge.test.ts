import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { createHash } from "node:crypto"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { AnnotatedPassage } from "#schema"
import { completion, lastUserMessage, startChatServer } from "#testing"
import { stageFiles } from "../table.ts"
import { readFragment, readOutput, runStageAt, tinyWorkspace, useLlmServer, writeStageFile } from "../workspace.fixture.ts"

const sha256 = (bytes: string | Buffer) => createHash("sha256").update(bytes).digest("hex")
const code = "deu_Latn"

const annotated = (id: string, text: string, mentions: Array<{ mention: string; label: string }>) =>
  new AnnotatedPassage({
    id,
    document: id,
    text,
    mentions: mentions.map(({ mention, label }) => ({ mention, label, start: text.indexOf(mention), end: text.indexOf(mention) + mention.length })),
    rejected: {}
  })

const passages = [
  annotated("berlin", "Angela Merkel lebt in Berlin.", [{ mention: "Berlin", label: "city" }]),
  annotated("oslo", "Oslo liegt in Norwegen.", [{ mention: "Oslo", label: "city" }]),
  annotated("kenia", "Kenia grenzt an Uganda.", [{ mention: "Kenia", label: "country" }]),
  annotated("rhein", "Der Rhein fließt durch Basel.", [{ mention: "Basel", label: "city" }]),
  annotated("wien", "Wien ist die Hauptstadt.", [{ mention: "Wien", label: "city" }]),
  annotated("prag", "Prag liegt an der Moldau.", [{ mention: "Prag", label: "city" }]),
  annotated("rom", "Rom wurde nicht an einem Tag erbaut.", [{ mention: "Rom", label: "city" }]),
  annotated("bern", "Bern ist die Bundesstadt.", [{ mention: "Bern", label: "city" }])
]

/** The scripted judge: a verdict per passage, five with a rating that is not a whole number from 1 to 5, none for Bern. */
const verdicts: Record<string, string> = {
  "Angela Merkel lebt": `{"faithfulness": 4, "completeness": 2, "missing": [{"mention": "Angela Merkel", "label": "Person"}]}`,
  "Oslo liegt": `{"faithfulness": 6, "completeness": 5}`,
  "Der Rhein": `{"faithfulness": 4.5, "completeness": 5}`,
  "Wien ist": `{"faithfulness": 3}`,
  "Prag liegt": `{"faithfulness": "4", "completeness": 4}`,
  "Rom wurde": `{"faithfulness": 4, "completeness": "5/5"}`,
  "Kenia grenzt": "Here you go:\n```json\n{\"faithfulness\": 5, \"completeness\": 3, \"extra\": [], \"wrong\": []}\n```"
}
const judgeServer = startChatServer((_, body) => {
  const prompt = lastUserMessage(body)
  return { body: completion(verdicts[Object.keys(verdicts).find((start) => prompt.includes(start)) ?? ""] ?? "") }
})

describe("judge", () => {
  it.live("rates each sampled passage on the declared scale, rejects and counts each kind of bad rating, and summarises for export", () =>
    Effect.gen(function*() {
      const server = yield* judgeServer
      const root = tinyWorkspace([code], useLlmServer(server.url))
      writeStageFile(root, stageFiles.annotate.annotations, code, passages)
      yield* runStageAt(root, "judge", code)

      assert.strictEqual(server.received.length, 8)
      const berlinPrompt = server.received.map((request) => lastUserMessage(request.body)).find((prompt) => prompt.includes("Angela Merkel lebt"))
      assert.include(berlinPrompt, `[("Berlin", "city")]`)
      const judgements = readOutput(root, stageFiles.judge.judgements, code) as Array<{ id: string }>
      assert.deepStrictEqual(judgements.map((judgement) => judgement.id).sort(), ["berlin", "kenia"])
      assert.deepInclude(judgements.find((judgement) => judgement.id === "berlin") as object, {
        faithfulness: 4,
        completeness: 2,
        missing: [{ mention: "Angela Merkel", label: "person" }],
        extra: [],
        wrong: []
      })
      const prompt = sha256(readFileSync(join(root, "libs/stages/src/judge/prompt.md")))
      assert.deepStrictEqual(readOutput(root, stageFiles.judge.summary, code), {
        judge: "served-model",
        standIn: false,
        prompt,
        scale: { minimum: 1, maximum: 5 },
        sampled: 8,
        judged: 2,
        meanFaithfulness: 4.5,
        meanCompleteness: 2.5
      })
      const manifest = readOutput(root, stageFiles.judge.manifest, code) as Record<string, unknown>
      assert.deepInclude(manifest, {
        sampled: 8,
        judged: 2,
        rejected: {
          "score-out-of-range": 1,
          "score-fractional": 1,
          "score-missing": 1,
          "score-quoted": 1,
          "score-not-a-number": 1,
          empty: 1
        }
      })
      assert.strictEqual(readFragment(root, "judge", code).inputs.prompt, prompt)
    }))

  it.live("judges a seeded sample of the configured size, the same one on every run", () =>
    Effect.gen(function*() {
      const server = yield* judgeServer
      const sampleOfTwo = {
        ...useLlmServer(server.url),
        "libs/stages/src/judge/config.json": (text: string) => JSON.stringify({ ...JSON.parse(text), sample: 2 })
      }
      const chosen = () =>
        Effect.gen(function*() {
          const root = tinyWorkspace([code], sampleOfTwo)
          writeStageFile(root, stageFiles.annotate.annotations, code, passages)
          yield* runStageAt(root, "judge", code)
          return (readOutput(root, stageFiles.judge.summary, code) as { sampled: number }).sampled
        })
      assert.strictEqual(yield* chosen(), 2)
      assert.strictEqual(server.received.length, 2)
      const asked = new Set(server.received.map((request) => lastUserMessage(request.body)))
      assert.strictEqual(yield* chosen(), 2)
      // The second workspace has its own empty response cache, so it asked again: for the same two passages.
      assert.strictEqual(server.received.length, 4)
      assert.deepStrictEqual(new Set(server.received.slice(2).map((request) => lastUserMessage(request.body))), asked)
    }))
})
