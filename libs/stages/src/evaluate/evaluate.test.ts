import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { createHash } from "node:crypto"
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { onTestFinished } from "vitest"
import { seqscorePercent } from "#evaluate"
import { EvaluationReport } from "#schema"
import { completion, lastUserMessage, needsSharedData, sharedData, sharedDataAbsent, startChatServer } from "#testing"
import { installedRoot } from "#workspace"
import { stageFiles } from "../table.ts"
import { readFragment, readOutput, runStageAt, tinyWorkspace, useLlmServer } from "../workspace.fixture.ts"

const sha256 = (bytes: string | Buffer) => createHash("sha256").update(bytes).digest("hex")
const code = "eng_Latn"
const goldPath = "uner/UNER_English-EWT/en_ewt-ud-test.iob2"
const published = "https://github.com/UniversalNER/UNER_English-EWT/blob/8ed072de2fd24022cc62458997fe96a8fe191ea4/en_ewt-ud-test.iob2"

/**
 * The gold: libs/gold's excerpt of UNER English-EWT (CC BY-SA 4.0, source in libs/gold/src/fixtures/README.md),
 * three sentences, four mentions (code points, end exclusive):
 *   s1 answers-20110101171252AA43jJo_ans-0001 "Is Hank Green Awesome?"                       PER Hank Green 3-13
 *   s2 answers-20110101171252AA43jJo_ans-0002 "The Hank Green I know is hardly awesome."     PER Hank Green 4-14
 *   s3 answers-20111024202518AA18Sg7_ans-0001 "mazzoni 's deli best italian food in phila pa?"
 *                                                                 LOC mazzoni 's deli 0-15, LOC phila 37-42
 */
const goldBytes = readFileSync(join(installedRoot, "libs/gold/src/fixtures/en_ewt.iob2"))
const ids = {
  s1: "answers-20110101171252AA43jJo_ans-0001",
  s2: "answers-20110101171252AA43jJo_ans-0002",
  s3: "answers-20111024202518AA18Sg7_ans-0001"
}

/** A gold folder holding `bytes` at the registry's path of uner-en_ewt, removed when the test finishes. */
const goldFolder = (bytes: Buffer = goldBytes): string => {
  const dir = mkdtempSync(join(tmpdir(), "finerweb-gold-"))
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
  mkdirSync(dirname(join(dir, goldPath)), { recursive: true })
  writeFileSync(join(dir, goldPath), bytes)
  return dir
}

/** eng_Latn's language.json naming uner-en_ewt, pinned to the excerpt's sha256 rather than the full file's. */
const pinGold = (digest: string = sha256(goldBytes)) => ({
  [`languages/${code}/language.json`]: (text: string) =>
    JSON.stringify({ ...JSON.parse(text), gold: [{ set: "uner-en_ewt", sha256: digest }] })
})

const editConfig = (change: Record<string, unknown>) => ({
  "libs/stages/src/evaluate/config.json": (text: string) => JSON.stringify({ ...JSON.parse(text), ...change })
})

/**
 * The scripted annotator, by sentence:
 *   s1 Hank Green "person" (PER, exact), Awesome "zorblax" (unmapped)
 *   s2 Hank Green "city" (LOC: the right span, the wrong type)
 *   s3 mazzoni 's deli "place" (LOC, exact), pa "year" (DATE, which UNER does not evaluate); phila missed
 */
const answers: Record<string, string> = {
  "Is Hank Green Awesome?": `[("Hank Green", "person"), ("Awesome", "zorblax")]`,
  "The Hank Green I know is hardly awesome.": `[("Hank Green", "city")]`,
  "mazzoni 's deli best italian food in phila pa?": `[("mazzoni 's deli", "place"), ("pa", "year")]`
}
const sentenceOf = (body: Record<string, unknown>) => Object.keys(answers).find((text) => lastUserMessage(body).includes(text))
const annotator = startChatServer((_, body) => ({ body: completion(answers[sentenceOf(body) ?? ""] ?? "[]") }))

type Score = { reference: number; predicted: number; correct: number; precision: number; recall: number; f1: number }
const row = (score: Score) => [
  score.reference,
  score.predicted,
  score.correct,
  ...[score.precision, score.recall, score.f1].map((value) => seqscorePercent(100 * value))
]

const scoresOf = (root: string) => readOutput(root, stageFiles.evaluate.scores, code) as typeof EvaluationReport.Encoded
const sentenceIds = (root: string) =>
  (readOutput(root, stageFiles.evaluate.sentences, code) as Array<{ id: string }>).map((sentence) => sentence.id)

/** Every file under a folder, recursively. */
const filesUnder = (dir: string): Array<string> =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))

describe("evaluate", () => {
  it.live("scores the annotator's labels against the gold, per type and by span, and lists every error", () =>
    Effect.gen(function*() {
      const server = yield* annotator
      const root = tinyWorkspace([code], { ...useLlmServer(server.url), ...pinGold() })
      yield* runStageAt(root, "evaluate", code, { FINERWEB_GOLD_DIR: goldFolder() })
      assert.strictEqual(server.received.length, 3)

      /**
       * By hand. Gold 4 (PER 2, LOC 2, ORG 0). Predicted 5: "year" is DATE, dropped from everything; "zorblax" is
       * unmapped (1 of 5 = 0.2), kept for span-only scoring only; 3 typed: PER Hank Green s1 (correct), LOC Hank
       * Green s2 (wrong type), LOC mazzoni 's deli s3 (correct).
       *   ALL  reference 4, predicted 3, correct 2: P 2/3 = 66.67, R 2/4 = 50.00, F1 (2*2/3*1/2)/(2/3+1/2) = 4/7 = 57.14
       *   PER  2, 1, 1: P 100.00, R 50.00, F1 (2*1*1/2)/(3/2) = 2/3 = 66.67
       *   LOC  2, 2, 1: P 50.00, R 50.00, F1 50.00
       *   ORG  0, 0, 0: all 0.00
       *   span reference 4, predicted 4 (Hank Green s1, Awesome s1, Hank Green s2, mazzoni 's deli s3), correct 3
       *        (all but Awesome): P 75.00, R 75.00, F1 75.00
       * Errors: FP LOC "Hank Green" s2 (label city); FN PER "Hank Green" s2, FN LOC "phila" s3.
       */
      const report = scoresOf(root)
      assert.deepStrictEqual([report.language, report.annotator, report.standIn], [code, "served-model", false])
      assert.strictEqual(report.sets.length, 1)
      const [set] = report.sets
      assert.deepStrictEqual(
        [set.set, set.file, set.sha256, set.sentences, set.of, set.repaired],
        ["uner-en_ewt", goldPath, sha256(goldBytes), 3, 3, 0]
      )
      assert.deepStrictEqual(set.types, ["PER", "LOC", "ORG"])
      assert.deepStrictEqual(set.counts, { sentences: 3, goldMentions: 4, predictedMentions: 5 })
      assert.deepStrictEqual(set.dropped, { gold: {}, predicted: { DATE: 1 } })
      assert.deepStrictEqual(set.unmapped, { mentions: 1, share: 0.2, distinctLabels: 1, labels: [{ label: "zorblax", count: 1 }] })
      assert.deepStrictEqual(set.notCore, { mentions: 0, share: 0, distinctLabels: 0, labels: [] })
      assert.deepStrictEqual(row(set.scores.overall), [4, 3, 2, "66.67", "50.00", "57.14"])
      assert.deepStrictEqual(Object.keys(set.scores.types), ["PER", "LOC", "ORG"])
      assert.deepStrictEqual(row(set.scores.types.PER), [2, 1, 1, "100.00", "50.00", "66.67"])
      assert.deepStrictEqual(row(set.scores.types.LOC), [2, 2, 1, "50.00", "50.00", "50.00"])
      assert.deepStrictEqual(row(set.scores.types.ORG), [0, 0, 0, "0.00", "0.00", "0.00"])
      assert.deepStrictEqual(row(set.scores.span), [4, 4, 3, "75.00", "75.00", "75.00"])

      assert.deepStrictEqual(readOutput(root, stageFiles.evaluate.errors, code), [
        { set: "uner-en_ewt", kind: "false-positive", sentence: ids.s2, start: 4, end: 14, type: "LOC", label: "city", text: "Hank Green" },
        { set: "uner-en_ewt", kind: "false-negative", sentence: ids.s2, start: 4, end: 14, type: "PER", label: "PER", text: "Hank Green" },
        { set: "uner-en_ewt", kind: "false-negative", sentence: ids.s3, start: 37, end: 42, type: "LOC", label: "LOC", text: "phila" }
      ])
      assert.deepStrictEqual(sentenceIds(root), [ids.s1, ids.s2, ids.s3])
      assert.deepInclude(readOutput(root, stageFiles.evaluate.manifest, code) as object, {
        annotator: "served-model",
        sets: 1,
        sentences: 3,
        rejected: {}
      })
    }))

  it.live("asks with annotate's prompt, rendered for each sentence: evaluate measures what annotate does", () =>
    Effect.gen(function*() {
      const server = yield* annotator
      const root = tinyWorkspace([code], { ...useLlmServer(server.url), ...pinGold() })
      yield* runStageAt(root, "evaluate", code, { FINERWEB_GOLD_DIR: goldFolder() })
      const template = readFileSync(join(root, "libs/stages/src/annotate/prompt.md"), "utf8")
      const annotate = JSON.parse(readFileSync(join(root, "libs/stages/src/annotate/config.json"), "utf8"))
      const prompts = server.received.map((request) => lastUserMessage(request.body)).sort()
      const expected = Object.keys(answers).map((text) =>
        template.replaceAll("{{language}}", "English").replaceAll("{{bcp47}}", "en").replaceAll("{{passage}}", text)
      ).sort()
      assert.deepStrictEqual(prompts, expected)
      for (const [index, text] of Object.keys(answers).entries()) {
        assert.include(prompts.find((prompt) => prompt.includes(text)), `<passage lang="en">\n${text}\n</passage>`, `sentence ${index + 1}`)
      }
      for (const request of server.received) {
        assert.deepStrictEqual([request.body.temperature, request.body.max_tokens], [annotate.temperature, annotate.maxTokens])
      }
    }))

  it.live("refuses a gold file whose bytes are not the pinned ones, naming the file and both digests", () =>
    Effect.gen(function*() {
      const server = yield* annotator
      const pinned = sha256(goldBytes)
      const root = tinyWorkspace([code], { ...useLlmServer(server.url), ...pinGold(pinned) })
      const altered = Buffer.concat([goldBytes, Buffer.from("\n")])
      const dir = goldFolder(altered)
      const error = yield* Effect.flip(runStageAt(root, "evaluate", code, { FINERWEB_GOLD_DIR: dir }))
      assert.strictEqual((error as { _tag: string })._tag, "GoldDigestMismatch")
      assert.strictEqual((error as Error).message, `${join(dir, goldPath)}: sha256 is ${sha256(altered)}, expected ${pinned}`)
      assert.isFalse(existsSync(join(root, "languages", code, "out", "evaluate")))
      assert.strictEqual(server.received.length, 0)
    }))

  it.live("says where a missing gold set is published and which folder it searched", () =>
    Effect.gen(function*() {
      const root = tinyWorkspace([code], pinGold())
      const empty = mkdtempSync(join(tmpdir(), "finerweb-gold-"))
      onTestFinished(() => rmSync(empty, { recursive: true, force: true }))
      const error = yield* Effect.flip(runStageAt(root, "evaluate", code, { FINERWEB_GOLD_DIR: empty }))
      assert.strictEqual(
        (error as Error).message,
        `gold set 'uner-en_ewt': ${goldPath} not found in the gold folder ${empty}; download it from ${published}`
      )
      assert.isFalse(existsSync(join(root, "languages", code, "out", "evaluate")))
    }))

  it.live("draws the configured number of sentences by seed: the same on a rerun, others with another seed", () =>
    Effect.gen(function*() {
      const server = yield* annotator
      const dir = goldFolder()
      // sha256("<seed>:<id>") by hand (sha256sum), the two lowest kept:
      //   finerweb-evaluate-1: s3 278c831a.., s2 2aba101b.., s1 496306ca..   -> s2, s3
      //   another-seed:        s3 2b2d627b.., s1 9aec9b06.., s2 b52f90de..   -> s1, s3
      const drawn = (seed: string) =>
        Effect.gen(function*() {
          const root = tinyWorkspace([code], { ...useLlmServer(server.url), ...pinGold(), ...editConfig({ sentences: 2, seed }) })
          yield* runStageAt(root, "evaluate", code, { FINERWEB_GOLD_DIR: dir })
          const first = sentenceIds(root)
          const report = scoresOf(root)
          assert.deepStrictEqual([report.sets[0].sentences, report.sets[0].of], [2, 3])
          yield* runStageAt(root, "evaluate", code, { FINERWEB_GOLD_DIR: dir })
          assert.deepStrictEqual(sentenceIds(root), first)
          return first
        })
      assert.deepStrictEqual(yield* drawn("finerweb-evaluate-1"), [ids.s2, ids.s3])
      assert.deepStrictEqual(yield* drawn("another-seed"), [ids.s1, ids.s3])
      // Each workspace asked once per drawn sentence; its rerun came from its own response cache.
      assert.strictEqual(server.received.length, 4)
    }))

  it.live("pins the gold through the language's digest, annotate's configuration and prompt, and never the API key", () =>
    Effect.gen(function*() {
      const server = yield* annotator
      const root = tinyWorkspace([code], { ...useLlmServer(server.url), ...pinGold() })
      const apiKeyEnv = JSON.parse(readFileSync(join(root, "libs/llm/llm.json"), "utf8")).apiKeyEnv as string
      const key = "sk-evaluate-test-marker-7d1c"
      yield* runStageAt(root, "evaluate", code, { FINERWEB_GOLD_DIR: goldFolder(), [apiKeyEnv]: key })
      // The key was sent, so its absence below means something.
      assert.isTrue(server.received.every((request) => request.authorization === `Bearer ${key}`))

      const fragment = readFragment(root, "evaluate", code)
      const languageFile = readFileSync(join(root, "languages", code, "language.json"), "utf8")
      assert.deepStrictEqual(JSON.parse(languageFile).gold, [{ set: "uner-en_ewt", sha256: sha256(goldBytes) }])
      assert.strictEqual(fragment.inputs.language, sha256(languageFile))
      assert.deepStrictEqual(
        fragment.inputs.sharedConfig,
        JSON.parse(readFileSync(join(root, "libs/stages/src/annotate/config.json"), "utf8"))
      )
      assert.deepStrictEqual(fragment.inputs.config, JSON.parse(readFileSync(join(root, "libs/stages/src/evaluate/config.json"), "utf8")))
      const prompt = sha256(readFileSync(join(root, "libs/stages/src/annotate/prompt.md")))
      assert.strictEqual(fragment.inputs.prompt, prompt)
      assert.strictEqual(scoresOf(root).prompt, prompt)
      assert.deepStrictEqual(fragment.inputs.llm, { model: "served-model", endpoint: server.url, standIn: false })

      const written = filesUnder(root)
      assert.deepStrictEqual(
        written.filter((file) => file.includes("/out/evaluate/")).map((file) => file.slice(file.lastIndexOf("/") + 1)).sort(),
        ["errors.jsonl", "lock.json", "manifest.json", "scores.json", "sentences.jsonl"]
      )
      for (const file of written) assert.notInclude(readFileSync(file, "utf8"), key, file)
    }))

  it.live("with no endpoint the offline teacher annotates, named a stand-in, and scores.json decodes", () =>
    Effect.gen(function*() {
      const root = tinyWorkspace([code], pinGold())
      yield* runStageAt(root, "evaluate", code, { FINERWEB_GOLD_DIR: goldFolder() })
      const report = Schema.decodeUnknownSync(EvaluationReport)(scoresOf(root))
      assert.include(report.annotator, "a rule-based stand-in, not an LLM")
      assert.isTrue(report.standIn)
      assert.deepStrictEqual([report.sets[0].counts.sentences, report.sets[0].counts.goldMentions], [3, 4])
      assert.deepStrictEqual(readFragment(root, "evaluate", code).inputs.llm, {
        model: "finerweb-offline-teacher-1",
        endpoint: "offline-teacher",
        standIn: true
      })
    }))

  // The full set is not in the repository (see libs/gold/src/fixtures/README.md): it is in ../shared/data when present.
  it.live.skipIf(sharedDataAbsent)(
    needsSharedData("reads the whole of UNER English-EWT as ../shared/data/README.md counts it"),
    () =>
      Effect.gen(function*() {
        // eng_Latn's own language.json, pinned to the published file; the README: 2077 sentences, LOC 317, ORG 322, PER 449.
        const root = tinyWorkspace([code])
        yield* runStageAt(root, "evaluate", code, { FINERWEB_GOLD_DIR: sharedData })
        const [set] = scoresOf(root).sets
        assert.deepStrictEqual([set.sentences, set.of, set.counts.goldMentions, set.repaired], [2077, 2077, 1088, 0])
        assert.deepStrictEqual(
          Object.fromEntries(Object.entries(set.scores.types).map(([type, score]) => [type, score.reference])),
          { PER: 449, LOC: 317, ORG: 322 }
        )
      })
  )
})
