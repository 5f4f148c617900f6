import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber } from "effect"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { AnnotatedPassage, ScoredPassage } from "#schema"
import { completion, filesContaining, lastUserMessage, startChatServer } from "#testing"
import { llmSettingsFile, stageFiles } from "../table.ts"
import { readFragment, runStageAt, stageFileAt, tinyWorkspace, useLlmServer, writeKeptPassages, writeStageFile } from "../workspace.fixture.ts"

const code = "deu_Latn"

const scored = (id: string, text: string) =>
  new ScoredPassage({ id: `${id}#0`, document: id, chunk: 0, text, words: text.split(" ").length, url: null, score: 0.9 })

const kenya = "Die Delegation aus Kenia traf Angela Merkel in Berlin."
const russia = "Die Geschichte Russlands ist lang."
const refusal = "Oslo ist die Hauptstadt Norwegens."
const passages = [scored("kenya", kenya), scored("russia", russia), scored("refusal", refusal)]

/** The scripted annotator and judge: one answer per passage, whichever way it is asked. */
const answers: Record<string, string> = {
  [kenya]: `[("Kenia", "country"), ("Angela Merkel", "Person"), ("Berlin", "city")]`,
  [russia]: `[("Russland", "country")]`,
  [refusal]: "I am sorry, I cannot help with that.",
  "<annotations>": `{"faithfulness": 4, "completeness": 3, "missing": [], "extra": [], "wrong": []}`
}
const answerEach = (_: number, body: Record<string, unknown>) => {
  const prompt = lastUserMessage(body)
  const judged = prompt.includes("<annotations>")
  return { body: completion(answers[judged ? "<annotations>" : Object.keys(answers).find((text) => prompt.includes(text)) ?? ""] ?? "") }
}

/** The workspace's settings pointed at `url`, the stage's transport set, batches polled every 10 ms. */
const batchWorkspace = (url: string, stage: "annotate" | "judge", transport: "online" | "batch") =>
  tinyWorkspace([code], {
    [llmSettingsFile]: (text) => JSON.stringify({ ...JSON.parse(useLlmServer(url)[llmSettingsFile](text)), batchPollSeconds: 0.01 }),
    [`libs/stages/src/${stage}/config.json`]: (text) => JSON.stringify({ ...JSON.parse(text), transport })
  })

const outputs = (root: string, files: ReadonlyArray<typeof stageFiles.annotate.annotations | typeof stageFiles.annotate.manifest>) =>
  files.map((file) => readFileSync(stageFileAt(root, file, code), "utf8"))

const annotateOutputs = [stageFiles.annotate.annotations, stageFiles.annotate.manifest]

/** Where the response cache keeps batch records in a test workspace. */
const recordsOf = (root: string) => join(root, ".finerweb/llm-cache/batches")

/** A server and a workspace with the passages to annotate, asked with `transport`. */
const annotateSetup = (transport: "online" | "batch") =>
  Effect.gen(function*() {
    const server = yield* startChatServer(answerEach)
    const root = batchWorkspace(server.url, "annotate", transport)
    writeKeptPassages(root, code, passages)
    return { server, root }
  })

/** An online annotate run's outputs: what a batch run must write. */
const onlineOutputs = Effect.gen(function*() {
  const { server, root } = yield* annotateSetup("online")
  yield* runStageAt(root, "annotate", code)
  assert.strictEqual(server.received.length, 3)
  assert.strictEqual(readFragment(root, "annotate", code).run?.transport, "online")
  return { root, files: outputs(root, annotateOutputs) }
})

describe("annotate and judge with transport: batch", () => {
  it.live("a batch annotate run writes what an online run writes, byte for byte, and sends nothing online", () =>
    Effect.gen(function*() {
      const online = yield* onlineOutputs
      const { server: batch, root: batchRoot } = yield* annotateSetup("batch")
      yield* runStageAt(batchRoot, "annotate", code)

      assert.strictEqual(batch.received.length, 0)
      assert.strictEqual(batch.batches.created.length, 1)
      assert.strictEqual(batch.batches.created[0].lines.length, 3)
      assert.deepStrictEqual(outputs(batchRoot, annotateOutputs), online.files)
      const run = readFragment(batchRoot, "annotate", code).run ?? {}
      assert.strictEqual(run.transport, "batch")
      assert.deepStrictEqual(run.batch, {
        requests: 3,
        cached: 0,
        submitted: 1,
        collected: 0,
        // The refusal holds no list: with no answer retries in this workspace it is stored rejected, as online.
        answered: 2,
        rejected: 1,
        resubmitted: 0,
        unanswered: 0
      })
      // The transport is recorded in the configuration (it is in config.json) and in `run`, in no other input.
      assert.deepStrictEqual(
        { ...readFragment(batchRoot, "annotate", code).inputs, llm: null, producers: null, config: null },
        { ...readFragment(online.root, "annotate", code).inputs, llm: null, producers: null, config: null }
      )
    }))

  it.live("a run stopped after submitting, then rerun: one batch created, collected by the rerun, the same output", () =>
    Effect.gen(function*() {
      const online = yield* onlineOutputs
      const { server, root } = yield* annotateSetup("batch")
      server.batches.hold(true)
      const stopped = yield* Effect.forkChild(runStageAt(root, "annotate", code))
      while (!existsSync(recordsOf(root)) || !readdirSync(recordsOf(root)).some((name) => name.endsWith(".json"))) {
        yield* Effect.sleep("5 millis")
      }
      yield* Fiber.interrupt(stopped)
      assert.isFalse(existsSync(stageFileAt(root, stageFiles.annotate.annotations, code)))
      server.batches.hold(false)
      yield* runStageAt(root, "annotate", code)

      assert.strictEqual(server.batches.created.length, 1)
      assert.strictEqual(server.received.length, 0)
      assert.deepStrictEqual((readFragment(root, "annotate", code).run?.batch as { collected: number }).collected, 1)
      assert.deepStrictEqual(outputs(root, annotateOutputs), online.files)
    }))

  it.live("judge in batch mode writes what it writes online; the API key is in no file of the workspace", () =>
    Effect.gen(function*() {
      const secret = "sk-judge-batch-7c1d"
      const annotated = [
        new AnnotatedPassage({ id: "kenya#0", document: "kenya", text: kenya, mentions: [{ mention: "Kenia", label: "country", start: 19, end: 24 }], rejected: {} }),
        new AnnotatedPassage({ id: "russia#0", document: "russia", text: russia, mentions: [], rejected: {} })
      ]
      const judgeOutputs = [stageFiles.judge.judgements, stageFiles.judge.summary, stageFiles.judge.manifest]
      const roots: Array<string> = []
      for (const transport of ["online", "batch"] as const) {
        const server = yield* startChatServer(answerEach)
        const root = batchWorkspace(server.url, "judge", transport)
        writeStageFile(root, stageFiles.annotate.annotations, code, annotated)
        yield* runStageAt(root, "judge", code, { FINERWEB_LLM_API_KEY: secret })
        assert.strictEqual(server.received.length, transport === "online" ? 2 : 0)
        assert.strictEqual(server.batches.created.length, transport === "online" ? 0 : 1)
        roots.push(root)
      }
      const [onlineRoot, batchRoot] = roots
      const read = (root: string) => judgeOutputs.map((file) => readFileSync(stageFileAt(root, file, code), "utf8"))
      assert.deepStrictEqual(read(batchRoot), read(onlineRoot))
      assert.include(read(batchRoot)[0], `"faithfulness":4`)
      assert.strictEqual(readFragment(batchRoot, "judge", code).run?.transport, "batch")
      assert.deepStrictEqual(filesContaining([batchRoot], secret), [])
    }))
})
