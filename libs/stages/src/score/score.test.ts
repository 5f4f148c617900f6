import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { createHash } from "node:crypto"
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { dirname, join } from "node:path"
import { onTestFinished } from "vitest"
import { Passage } from "#schema"
import { writeTinyTransformer } from "#testing"
import { stageFiles } from "../table.ts"
import { readFragment, readOutput, runStageAt, stageFileAt, tinyWorkspace, useDefaultScorer, writeStageFile } from "../workspace.fixture.ts"

const sha256 = (bytes: string | Buffer) => createHash("sha256").update(bytes).digest("hex")
const code = "afr_Latn"

const capeTown = "Kaapstad is die oudste stad in Suid-Afrika en lê aan die voet van Tafelberg. In 1652 het Jan van Riebeeck " +
  "hier 'n verversingspos vir die Verenigde Oos-Indiese Kompanjie gestig, en later het die stad uitgebrei tot by die " +
  "Kaapse Skiereiland. Vandag besoek miljoene toeriste elke jaar die Waterfront en Robbeneiland, waar Nelson Mandela " +
  "agtien jaar lank gevange gehou is."
const pretoria = "Pretoria is die uitvoerende hoofstad van Suid-Afrika en lê in die provinsie Gauteng. Die stad is in 1855 " +
  "deur Marthinus Pretorius gestig en na sy vader Andries Pretorius vernoem. Die Uniegebou, wat Herbert Baker ontwerp " +
  "het, kyk uit oor die stad, en in die lente blom duisende jakarandas langs die strate van Arcadia en Sunnyside."
const english = "The committee of the United Nations said that it would meet in New York in the spring, and that the " +
  "delegates from Kenya and Brazil had agreed to the new rules before the vote which was held on the first of May."
const menu = "Home\nAbout Us\nProducts\nContact\nPrivacy Policy\nTerms of Service\nLogin\nRegister\nCart (0)\nFAQ\nBlog\nCareers"

const passage = (document: string, chunk: number, text: string) =>
  new Passage({ id: `${document}#${chunk}`, document, chunk, text, words: text.split(/\s+/).length, url: null })

describe("score", () => {
  it.effect("keeps the first passage per document above the threshold that is not in another language, and pins the model", () =>
    Effect.gen(function*() {
      // The hand-weighted fixture (see tinyWorkspace): menus low, prose of names and years high.
      const root = tinyWorkspace([code])
      const modelPath = "libs/scoring/model/scorer.onnx"
      writeStageFile(root, stageFiles.sample.passages, code, [
        passage("a", 0, menu),
        passage("a", 1, capeTown),
        passage("a", 2, pretoria),
        passage("b", 0, english),
        passage("c", 0, pretoria)
      ])
      yield* runStageAt(root, "score", code)

      const kept = readOutput(root, stageFiles.score.passages, code) as Array<{ id: string; score: number }>
      assert.deepStrictEqual(kept.map((p) => p.id), ["a#1", "c#0"])
      for (const p of kept) assert.isAbove(p.score, 0.5)
      const manifest = readOutput(root, stageFiles.score.manifest, code) as Record<string, unknown>
      assert.deepInclude(manifest, {
        documents: 3,
        scored: 5,
        kept: 2,
        rejected: { belowThreshold: 1, otherLanguage: 1 },
        otherLanguages: { eng: 1 },
        laterChunks: 1,
        afterTarget: 0,
        threshold: 0.5,
        languageId: { detector: "cld3", minShare: 0.5, knowsLanguage: true }
      })
      const scores = readOutput(root, stageFiles.score.scores, code) as Array<Record<string, unknown>>
      assert.deepStrictEqual(
        scores.map((row) => [row.id, row.decision, row.otherLanguage]),
        [["a#0", "below-threshold", null], ["a#1", "kept", null], ["a#2", "later-chunk", null], ["b#0", "other-language", "eng"], ["c#0", "kept", null]]
      )
      assert.strictEqual(scores[1].score, kept[0].score)
      assert.isBelow(scores[0].score as number, 0.5)
      assert.strictEqual(scores[3].otherShare, 1)
      // The scratch folder the files were streamed into is gone.
      assert.deepStrictEqual(readdirSync(join(root, "languages", code, "out")).sort(), ["sample", "score"])

      const fragment = readFragment(root, "score", code)
      assert.deepStrictEqual(fragment.inputs.model, { path: modelPath, sha256: sha256(readFileSync(join(root, modelPath))) })
      assert.deepStrictEqual(fragment.inputs.reads, {
        "sample/passages.jsonl": sha256(readFileSync(stageFileAt(root, stageFiles.sample.passages, code)))
      })
      assert.isString(fragment.inputs.packages["onnxruntime-node"])
    }))

  it.effect("runs the committed default model and pins its path and sha256", () =>
    Effect.gen(function*() {
      const root = tinyWorkspace([code])
      useDefaultScorer(root)
      writeStageFile(root, stageFiles.sample.passages, code, [passage("a", 0, capeTown), passage("b", 0, menu)])
      yield* runStageAt(root, "score", code)
      const manifest = JSON.parse(readFileSync("libs/scoring/model/scorer.json", "utf8"))
      assert.strictEqual(manifest.preparation, "hashed-ngrams")
      assert.deepStrictEqual(readFragment(root, "score", code).inputs.model, {
        path: "libs/scoring/model/scorer.onnx",
        sha256: sha256(readFileSync("libs/scoring/model/scorer.onnx"))
      })
      assert.strictEqual(manifest.sha256, sha256(readFileSync("libs/scoring/model/scorer.onnx")))
      assert.strictEqual((readOutput(root, stageFiles.score.scores, code) as Array<unknown>).length, 2)
    }))

  it.effect("an empty list of execution providers, or one onnxruntime-node lacks, is refused as the configuration is read, naming the file", () =>
    Effect.gen(function*() {
      for (const executionProviders of [[], ["cuda", "tpu"]]) {
        const root = tinyWorkspace([code], {
          "libs/stages/src/score/config.json": (text) => JSON.stringify({ ...JSON.parse(text), executionProviders })
        })
        writeStageFile(root, stageFiles.sample.passages, code, [passage("a", 0, capeTown)])
        const error = yield* runStageAt(root, "score", code).pipe(Effect.flip)
        assert.match((error as Error).message, /^libs\/stages\/src\/score\/config\.json: .*executionProviders/)
        assert.isFalse(existsSync(join(root, "languages", code, "out/score")))
      }
    }))

  it.effect("runs on cpu after cuda fails, and records the provider among the run's facts", () =>
    Effect.gen(function*() {
      const root = tinyWorkspace([code], {
        "libs/stages/src/score/config.json": (text) => JSON.stringify({ ...JSON.parse(text), executionProviders: ["cuda", "cpu"] })
      })
      writeStageFile(root, stageFiles.sample.passages, code, [passage("a", 0, capeTown)])
      yield* runStageAt(root, "score", code)
      assert.deepStrictEqual(readFragment(root, "score", code).run, { executionProvider: "cpu" })
    }))

  it.effect("runs a transformer named in the config, and counts the passages cut to its maximum length", () =>
    Effect.gen(function*() {
      const modelPath = writeTinyTransformer({ name: "logits", head: "sigmoid" }, 4)
      onTestFinished(() => rmSync(dirname(modelPath), { recursive: true, force: true }))
      const root = tinyWorkspace([code], {
        "libs/stages/src/score/config.json": (text) => JSON.stringify({ ...JSON.parse(text), modelPath })
      })
      writeStageFile(root, stageFiles.sample.passages, code, [
        passage("a", 0, capeTown),
        passage("b", 0, "Paris in France"),
        passage("c", 0, "Parys")
      ])
      yield* runStageAt(root, "score", code)
      const manifest = readOutput(root, stageFiles.score.manifest, code) as Record<string, unknown>
      assert.deepInclude(manifest, { scored: 3, truncated: { passages: 2, maxLength: 4 } })
      // Logits by hand from the tiny model's embeddings: Cape Town's passage starts "Kaapstad is", kept as
      // [CLS] [UNK] is [SEP], pooled (0.5, -0.5), so 0.5 - 0.5 / 2; "Paris in France" is cut from five tokens to
      // [CLS] paris in [SEP], pooled (1.5, 0.5), so 1.75 (2.75 uncut); "Parys" fits as [CLS] [UNK] [SEP], 0.25.
      const scores = readOutput(root, stageFiles.score.scores, code) as Array<{ score: number; truncated?: number }>
      // Cape Town's passage is 59 words, one token each, 61 with [CLS] and [SEP]; "Paris in France" is 5.
      assert.deepStrictEqual(scores.map((row) => row.truncated), [57, 1, undefined])
      const expected = [0.25, 1.75, 0.25].map((logit) => 1 / (1 + Math.exp(-logit)))
      scores.forEach((row, index) => assert.closeTo(row.score, expected[index], 1e-6))
      assert.strictEqual(readFragment(root, "score", code).inputs.model.path, modelPath)
    }))

  it.effect("says which stage to run first when the sampled passages are missing", () =>
    Effect.gen(function*() {
      const root = tinyWorkspace([code])
      const error = yield* runStageAt(root, "score", code).pipe(Effect.flip)
      assert.strictEqual(
        (error as Error).message,
        `languages/${code}/out/sample/passages.jsonl is missing: run the sample stage for this language first`
      )
    }))
})
