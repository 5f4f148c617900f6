import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { createHash } from "node:crypto"
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { ScoredPassage } from "#schema"
import { completion, lastUserMessage, startChatServer } from "#testing"
import { stageFiles } from "../table.ts"
import { readFragment, readOutput, runStageAt, stageFileAt, tinyWorkspace, useLlmServer, writeKeptPassages } from "../workspace.fixture.ts"

const sha256 = (bytes: string | Buffer) => createHash("sha256").update(bytes).digest("hex")
const code = "deu_Latn"

const passage = (id: string, text: string) =>
  new ScoredPassage({ id: `${id}#0`, document: id, chunk: 0, text, words: text.split(" ").length, url: null, score: 0.9 })

// Code points: "Die " 0-4, the emoji 4 (two UTF-16 units), "Kenia" 21-26, "Angela Merkel" 32-45, "Berlin" 49-55.
const kenya = "Die 😀 Delegation aus Kenia traf Angela Merkel in Berlin."
const russia = "Die Geschichte Russlands ist lang."
const refusal = "Oslo ist die Hauptstadt Norwegens."
const cut = "Bergen und Oslo liegen in Norwegen."

/** The scripted annotator: one answer per passage, whatever order the requests come in. */
const answers: Record<string, ReturnType<typeof completion>> = {
  [kenya]: completion(`[("Kenia", "country"), ("Angela Merkel", "Person"), ("Berlin", "city"), ("Paris", "city")]`, "stop", {
    prompt_tokens: 100,
    completion_tokens: 20
  }),
  [russia]: completion(`[("Russland", "country")]`),
  [refusal]: completion("I am sorry, I cannot help with that."),
  [cut]: completion(`[("Bergen", "city"), ("Oslo", "ci`, "length")
}

const answerEach = (_: number, body: Record<string, unknown>) => ({
  body: answers[Object.keys(answers).find((text) => lastUserMessage(body).includes(text)) ?? ""]
})

/** The fault counts of a run against a server that made none. */
const noFaults = { timeouts: { firstToken: 0, idle: 0, total: 0 }, rateLimitWaits: 0, rateLimitSeconds: 0, badAnswers: {} }

const passages = [passage("kenya", kenya), passage("russia", russia), passage("refusal", refusal), passage("cut", cut)]

describe("annotate", () => {
  it.live("asks once per passage, aligns what it can to code points, and counts every rejection by reason", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(answerEach)
      const root = tinyWorkspace([code], useLlmServer(server.url))
      writeKeptPassages(root, code, passages)
      yield* runStageAt(root, "annotate", code)

      assert.strictEqual(server.received.length, 4)
      const config = JSON.parse(readFileSync(join(root, "libs/stages/src/annotate/config.json"), "utf8"))
      for (const request of server.received) {
        assert.strictEqual(request.body.max_tokens, config.maxTokens)
        assert.include(lastUserMessage(request.body), `<passage lang="de">`)
      }
      const annotated = readOutput(root, stageFiles.annotate.annotations, code) as Array<{ id: string; mentions: unknown; rejected: unknown }>
      assert.deepStrictEqual(annotated.map((row) => row.id), ["kenya#0", "russia#0", "refusal#0", "cut#0"])
      assert.deepStrictEqual(annotated[0].mentions, [
        { start: 21, end: 26, label: "country", mention: "Kenia" },
        { start: 32, end: 45, label: "person", mention: "Angela Merkel" },
        { start: 49, end: 55, label: "city", mention: "Berlin" }
      ])
      assert.deepStrictEqual(annotated[0].rejected, { "mention-not-in-text": 1 })
      assert.deepStrictEqual(annotated[1], { ...annotated[1], mentions: [], rejected: { "mention-inside-word": 1 } })
      assert.deepStrictEqual(annotated[2], { ...annotated[2], mentions: [], rejected: { malformed: 1 } })
      assert.deepStrictEqual(annotated[3].mentions, [{ start: 0, end: 6, label: "city", mention: "Bergen" }])
      assert.deepStrictEqual(annotated[3].rejected, { truncated: 1 })

      const manifest = readOutput(root, stageFiles.annotate.manifest, code)
      assert.deepStrictEqual(manifest, {
        annotator: "served-model",
        passages: 4,
        mentions: 4,
        labels: 3,
        rejected: { malformed: 1, truncated: 1, "mention-not-in-text": 1, "mention-inside-word": 1 },
        llm: { requests: 4, promptTokens: 133, completionTokens: 41 }
      })
      const fragment = readFragment(root, "annotate", code)
      assert.strictEqual(fragment.inputs.prompt, sha256(readFileSync(join(root, "libs/stages/src/annotate/prompt.md"))))
      assert.deepStrictEqual(fragment.inputs.config, config)
      assert.deepStrictEqual(fragment.inputs.llm, { model: "served-model", endpoint: server.url, standIn: false })
      assert.deepStrictEqual(fragment.inputs.producers, [{ endpoint: server.url, model: "served-model", systemFingerprint: null }])
      // Asked once each (this workspace allows no retries): the malformed and the cut answer are kept as rejected.
      assert.deepStrictEqual(fragment.run, {
        requests: 4,
        promptTokens: 133,
        completionTokens: 41,
        cacheHits: 0,
        retries: 0,
        attempts: 4,
        ...noFaults,
        rejected: { malformed: 1, truncated: 1 },
        sentPromptTokens: 133,
        sentCompletionTokens: 41,
        transport: "online"
      })
      assert.strictEqual(
        fragment.inputs.reads["score/passages.jsonl"],
        sha256(readFileSync(stageFileAt(root, stageFiles.score.passages, code)))
      )
    }))

  it.live("a rerun takes every answer from the response cache and writes the same files", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(answerEach)
      const root = tinyWorkspace([code], useLlmServer(server.url))
      writeKeptPassages(root, code, passages)
      yield* runStageAt(root, "annotate", code)
      const first = readFileSync(stageFileAt(root, stageFiles.annotate.annotations, code), "utf8")
      const manifest = readFileSync(stageFileAt(root, stageFiles.annotate.manifest, code), "utf8")
      yield* runStageAt(root, "annotate", code)
      assert.strictEqual(server.received.length, 4)
      assert.strictEqual(readFileSync(stageFileAt(root, stageFiles.annotate.annotations, code), "utf8"), first)
      assert.strictEqual(readFileSync(stageFileAt(root, stageFiles.annotate.manifest, code), "utf8"), manifest)
      assert.deepStrictEqual(readFragment(root, "annotate", code).run, {
        requests: 4,
        promptTokens: 133,
        completionTokens: 41,
        cacheHits: 4,
        retries: 0,
        attempts: 0,
        ...noFaults,
        // Replayed from the cache as rejected, unasked.
        rejected: { malformed: 1, truncated: 1 },
        sentPromptTokens: 0,
        sentCompletionTokens: 0,
        transport: "online"
      })
    }))

  it.live("the offline teacher answers when no endpoint is configured, and is named a stand-in wherever it answered", () =>
    Effect.gen(function*() {
      const root = tinyWorkspace([code])
      writeKeptPassages(root, code, [passage("kenya", kenya)])
      yield* runStageAt(root, "annotate", code)
      const manifest = readOutput(root, stageFiles.annotate.manifest, code) as { annotator: string }
      assert.include(manifest.annotator, "a rule-based stand-in, not an LLM")
      assert.deepStrictEqual(readFragment(root, "annotate", code).inputs.llm, {
        model: "finerweb-offline-teacher-1",
        endpoint: "offline-teacher",
        standIn: true
      })
      const [row] = readOutput(root, stageFiles.annotate.annotations, code) as Array<{ mentions: Array<{ mention: string }> }>
      assert.include(row.mentions.map((mention) => mention.mention), "Kenia")
    }))
})

describe("annotate with unanswered requests", () => {
  /** Answers as `answerEach`, but a server error for Russia's passage while `failing.russia` is set. */
  const failing = { russia: true }
  const flaky = (n: number, body: Record<string, unknown>) =>
    failing.russia && lastUserMessage(body).includes(russia) ? { status: 500, body: { error: { message: "overloaded" } } } : answerEach(n, body)

  it.live("fails by default naming the unanswered passage and writes nothing; the rerun asks only for it", () =>
    Effect.gen(function*() {
      failing.russia = true
      const server = yield* startChatServer(flaky)
      const root = tinyWorkspace([code], useLlmServer(server.url))
      writeKeptPassages(root, code, passages)
      const error = (yield* Effect.flip(runStageAt(root, "annotate", code))) as { _tag: string; message: string }
      assert.strictEqual(error._tag, "UnansweredRequests")
      assert.match(error.message, /^annotate deu_Latn: 1 of 4 unanswered \(russia#0\), more than maxUnanswered 0 allows/)
      assert.isFalse(existsSync(stageFileAt(root, stageFiles.annotate.annotations, code)))
      assert.strictEqual(server.received.length, 4)
      failing.russia = false
      yield* runStageAt(root, "annotate", code)
      assert.strictEqual(server.received.length, 5)
      assert.include(lastUserMessage(server.received[4].body), russia)
    }))

  it.live("within maxUnanswered, completes with the passage rejected as unanswered and no mentions", () =>
    Effect.gen(function*() {
      failing.russia = true
      const server = yield* startChatServer(flaky)
      const root = tinyWorkspace([code], {
        ...useLlmServer(server.url),
        "libs/stages/src/annotate/config.json": (text: string) => JSON.stringify({ ...JSON.parse(text), maxUnanswered: 0.25 })
      })
      writeKeptPassages(root, code, passages)
      yield* runStageAt(root, "annotate", code)
      const annotated = readOutput(root, stageFiles.annotate.annotations, code) as Array<{ id: string; mentions: unknown; rejected: unknown }>
      assert.deepStrictEqual(annotated[1], { ...annotated[1], id: "russia#0", mentions: [], rejected: { unanswered: 1 } })
      const manifest = readOutput(root, stageFiles.annotate.manifest, code) as { passages: number; rejected: Record<string, number> }
      assert.strictEqual(manifest.passages, 4)
      assert.strictEqual(manifest.rejected.unanswered, 1)
    }))
})
