import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import { ScoredPassage } from "#schema"
import { countsAddUp, type FaultMix, lastUserMessage, startFaultServer } from "#testing"
import { llmSettingsFile, stageFiles } from "../table.ts"
import { readFragment, readOutput, runStageAt, stageFileAt, tinyWorkspace, writeKeptPassages } from "../workspace.fixture.ts"

const code = "deu_Latn"
const cities = ["Berlin", "Hamburg", "Bremen", "Kassel", "Leipzig"]
const texts = Array.from({ length: 500 }, (_, i) => `Passage ${i}: Anna fuhr nach ${cities[i % cities.length]}.`)
const passages = texts.map((text, i) =>
  new ScoredPassage({ id: `p${i}#0`, document: `p${i}`, chunk: 0, text, words: text.split(" ").length, url: null, score: 0.9 })
)

/** The annotator's good answer: the passage's city. */
const answer = (body: Record<string, unknown>) => {
  const city = cities.find((name) => lastUserMessage(body).includes(`nach ${name}.`)) ?? "Nirgendwo"
  return `[("${city}", "city")]`
}

/** A workspace whose LLM is the fault server, with room to heal (retries, attempts, short hang timeouts). */
const faultWorkspace = (url: string) => {
  const root = tinyWorkspace([code], {
    [llmSettingsFile]: (text: string) =>
      JSON.stringify({
        ...JSON.parse(text),
        baseUrl: url,
        model: "served-model",
        retries: 10,
        answerRetries: 8,
        backoffMillis: 1,
        firstTokenTimeoutSeconds: 2,
        idleTimeoutSeconds: 2,
        breakerFailures: 1000
      })
  })
  writeKeptPassages(root, code, passages)
  return root
}

const outputs = (root: string) => ({
  annotations: readFileSync(stageFileAt(root, stageFiles.annotate.annotations, code), "utf8"),
  manifest: readFileSync(stageFileAt(root, stageFiles.annotate.manifest, code), "utf8")
})

const mix: FaultMix = {
  "rate-limited": 0.005,
  "server-error": 0.02,
  "html-error": 0.01,
  "html-ok": 0.01,
  hang: 0.01,
  stall: 0.01,
  reset: 0.02,
  truncated: 0.03,
  malformed: 0.03,
  empty: 0.03
}

describe("annotate against a server making every fault", () => {
  it.live("500 passages: every one annotated, the faults counted, and the output byte for byte a clean run's", () =>
    Effect.gen(function*() {
      const clean = yield* startFaultServer({ seed: 1, faults: {}, answer })
      const cleanRoot = faultWorkspace(clean.url)
      yield* runStageAt(cleanRoot, "annotate", code)

      const faulty = yield* startFaultServer({ seed: 2, faults: mix, answer })
      const root = faultWorkspace(faulty.url)
      yield* runStageAt(root, "annotate", code)
      const faults = faulty.received.filter((r) => r.fault !== null).length
      assert.isAbove(faults, 50)
      const manifest = readOutput(root, stageFiles.annotate.manifest, code) as { passages: number; mentions: number; rejected: object }
      // Healed: each passage has its city, nothing rejected.
      assert.deepStrictEqual([manifest.passages, manifest.mentions, manifest.rejected], [500, 500, {}])
      assert.deepStrictEqual(outputs(root), outputs(cleanRoot))
      const run = readFragment(root, "annotate", code).run as {
        attempts: number
        retries: number
        badAnswers: Record<string, number>
        timeouts: Record<string, number>
        rateLimitWaits: number
      }
      const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0)
      assert.strictEqual(run.attempts, faulty.received.length)
      assert.deepStrictEqual(
        countsAddUp(faulty.received, {
          retries: run.retries,
          timeouts: sum(run.timeouts),
          badAnswers: sum(run.badAnswers),
          rateLimitWaits: run.rateLimitWaits
        }),
        []
      )

      // A rerun with the faults off asks for nothing and writes the same bytes.
      faulty.setFaults({})
      const sent = faulty.received.length
      yield* runStageAt(root, "annotate", code)
      assert.strictEqual(faulty.received.length, sent)
      assert.deepStrictEqual(outputs(root), outputs(cleanRoot))
    }), 120_000)
})
