import * as NodeServices from "@effect/platform-node/NodeServices"
import { assert, describe, it } from "@effect/vitest"
import { ConfigProvider, Effect, Layer } from "effect"
import { createHash } from "node:crypto"
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { onTestFinished } from "vitest"
import { completion, lastUserMessage, needsSharedData, sharedData, sharedDataAbsent, startChatServer } from "#testing"
import { installedRoot, Workspace } from "#workspace"
import { tinyWorkspace, useLlmServer } from "../workspace.fixture.ts"
import { runSynthesize, type SynthesizeOptions } from "../synthesis.ts"

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex")

/** A workspace with the synthesize configuration and prompt, which the stage table does not name. */
const workspaceWith = (...args: Parameters<typeof tinyWorkspace>) => {
  const root = tinyWorkspace(...args)
  for (const file of ["config.json", "prompt.md"]) {
    const path = `libs/stages/src/synthesize/${file}`
    cpSync(join(installedRoot, path), join(root, path))
  }
  return root
}

/** A gold folder holding `files` at the registry's paths, removed when the test finishes. */
const goldFolder = (files: Readonly<Record<string, string>>) => {
  const dir = mkdtempSync(join(tmpdir(), "finerweb-gold-"))
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

const runAt = (root: string, options: SynthesizeOptions) =>
  runSynthesize(options).pipe(
    Effect.provide(Workspace.layer(root).pipe(Layer.provideMerge(NodeServices.layer))),
    Effect.provide(ConfigProvider.layer(ConfigProvider.fromEnvRecord({})))
  )

// Written for these tests in the MasakhaNER layout; not MasakhaNER data. Sentence ids are positions: "1", "2".
const hausa = "Ali B-PER\nya O\ntafi O\nKano B-LOC\n. O\n\nMusa B-PER\nBello I-PER\nya O\nbar O\nAbuja B-LOC\n"
const hausaPath = "masakhaner2/hau/test.txt"

// The teacher's rule by hand: the rings are PER [Ali, Musa Bello] and LOC [Kano, Abuja] in either order of the
// examples, so the first two points of a call are the two sentences with their mentions swapped, and the third
// (one round on, a full turn of each two-mention ring) is the first example again: a copy.
const swapped: Record<string, string> = {
  "1": "Musa B-PER\nBello I-PER\nya O\ntafi O\nAbuja B-LOC\n. O\n",
  "2": "Ali B-PER\nya O\nbar O\nKano B-LOC\n"
}
/** The ids of call `call`'s examples, in the order of their rank sha256(seed:call:id). */
const drawn = (seed: string, call: number) => ["1", "2"].sort((a, b) => (sha256(`${seed}:${call}:${a}`) < sha256(`${seed}:${call}:${b}`) ? -1 : 1))

describe("synthesize", () => {
  it.live("asks the offline teacher k times with m examples each, and writes the usable points and the counts", () =>
    Effect.gen(function*() {
      const root = workspaceWith([])
      const goldDir = goldFolder({ [hausaPath]: hausa })
      const out = join(root, "synthetic", "hau")
      const options = { set: "masakhaner2-hau", goldDir, examples: 2, points: 3, calls: 2, seed: "s", out }
      const returned = yield* runAt(root, options)

      const expected = [0, 1].flatMap((call) => drawn("s", call).map((id) => swapped[id])).join("\n") + "\n"
      assert.strictEqual(readFileSync(join(out, "synthetic.conll"), "utf8"), expected)
      const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"))
      assert.deepStrictEqual(report, returned)
      assert.deepStrictEqual(report, {
        set: "masakhaner2-hau",
        language: { code: null, name: "Hausa", bcp47: "ha" },
        annotator: "finerweb-offline-teacher-1 (offline teacher: a rule-based stand-in, not an LLM)",
        standIn: true,
        examples: 2,
        points: 3,
        calls: 2,
        seed: "s",
        requested: 6,
        usable: 4,
        usableRate: 0.6667,
        rejected: { "copied-example": 2 },
        types: ["LOC", "PER"],
        gold: {
          path: hausaPath,
          source: "masakhane-io/masakhane-ner:MasakhaNER2.0/data/hau/test.txt@ba5843cd08aa491d5f96a5e809e71eb9ec461391",
          sha256: sha256(hausa),
          sentences: 2,
          repaired: 0,
          usableAsExamples: 2,
          offBoundaryMentions: 0
        },
        prompt: sha256(readFileSync(join(root, "libs/stages/src/synthesize/prompt.md"), "utf8")),
        decoding: JSON.parse(readFileSync(join(root, "libs/stages/src/synthesize/config.json"), "utf8")),
        // The teacher counts white-space separated words: a JSON line is one.
        llm: { requests: 2, promptTokens: report.llm.promptTokens, completionTokens: 6 }
      })
    }))

  it.live("shows each call its examples in the prompt block, and counts what the answers get wrong", () =>
    Effect.gen(function*() {
      const answers = [
        completion(`{"tokens": ["Sani", "ya", "zo"], "tags": ["B-PER", "O", "O"]}\n{"tokens": ["Sani"], "tags": ["B-ORG"]}\n` +
          `{"tokens": ["Kano", "ce"], "tags": ["B-LOC", "O"]}\n{"tokens": ["Zaria", "ce"], "tags": ["B`, "length"),
        completion("Ba zan iya ba.")
      ]
      const server = yield* startChatServer((n) => ({ body: answers[n - 1] }))
      const root = workspaceWith([], useLlmServer(server.url))
      const goldDir = goldFolder({ [hausaPath]: hausa })
      const out = join(root, "out")
      const report = yield* runAt(root, { set: "masakhaner2-hau", goldDir, examples: 1, points: 3, calls: 2, seed: "s", out })

      const config = JSON.parse(readFileSync(join(root, "libs/stages/src/synthesize/config.json"), "utf8"))
      const lines = { "1": `{"tokens":["Ali","ya","tafi","Kano","."],"tags":["B-PER","O","O","B-LOC","O"]}`,
        "2": `{"tokens":["Musa","Bello","ya","bar","Abuja"],"tags":["B-PER","I-PER","O","O","B-LOC"]}` }
      // Requests go out together, so each is matched to its call by the one example it shows.
      const shown = server.received.map((request) => lastUserMessage(request.body))
      assert.sameMembers(shown.map((prompt) => prompt.match(/<examples[^>]*>\n([^\n]*)\n<\/examples>/)?.[1]), [
        lines[drawn("s", 0)[0] as "1" | "2"],
        lines[drawn("s", 1)[0] as "1" | "2"]
      ])
      for (const [index, prompt] of shown.entries()) {
        assert.include(prompt, `<examples lang="ha" count="3">`)
        assert.include(prompt, "The entity types are LOC, PER.")
        assert.include(prompt, "Hausa")
        assert.strictEqual(server.received[index].body.max_tokens, config.maxTokens)
        assert.strictEqual(server.received[index].body.temperature, config.temperature)
      }
      assert.strictEqual(readFileSync(join(out, "synthetic.conll"), "utf8"), "Sani B-PER\nya O\nzo O\n\nKano B-LOC\nce O\n\n")
      assert.deepStrictEqual([report.usable, report.usableRate, report.annotator, report.standIn], [2, 0.3333, "served-model", false])
      assert.deepStrictEqual(report.rejected, { truncated: 1, malformed: 1, "label-outside-set": 1 })
      assert.deepStrictEqual(report.llm, { requests: 2, promptTokens: 22, completionTokens: 14 })
    }))

  it.live("checks the set's file against the sha256 its finerweb language pins, and names that language", () =>
    Effect.gen(function*() {
      // Written for these tests in the Universal NER layout; not UNER data.
      const uner = "# sent_id = t-1\n# text = Ali went to Kano.\n1\tAli\tB-PER\t-\tt\n2\twent\tO\t-\t-\n3\tto\tO\t-\t-\n" +
        "4\tKano\tB-LOC\t-\tt\n5\t.\tO\t-\t-\n\n# sent_id = t-2\n# text = Musa Bello left Abuja\n1\tMusa\tB-PER\t-\tt\n" +
        "2\tBello\tI-PER\t-\tt\n3\tleft\tO\t-\t-\n4\tAbuja\tB-LOC\t-\tt\n"
      const path = "uner/UNER_English-EWT/en_ewt-ud-test.iob2"
      const goldDir = goldFolder({ [path]: uner })
      const pin = (digest: string) => ({
        "languages/eng_Latn/language.json": (text: string) =>
          JSON.stringify({ ...JSON.parse(text), gold: [{ set: "uner-en_ewt", sha256: digest }] })
      })
      const options = { set: "uner-en_ewt", goldDir, examples: 2, points: 2, calls: 1, seed: "s" }

      const wrong = workspaceWith(["eng_Latn"], pin("0".repeat(64)))
      const mismatch = yield* Effect.flip(runAt(wrong, { ...options, out: join(wrong, "out") }))
      assert.strictEqual(mismatch._tag, "GoldDigestMismatch")
      assert.isFalse(existsSync(join(wrong, "out")))

      const root = workspaceWith(["eng_Latn"], pin(sha256(uner)))
      const report = yield* runAt(root, { ...options, out: join(root, "out") })
      assert.deepStrictEqual(report.language, { code: "eng_Latn", name: "English", bcp47: "en" })
      assert.strictEqual(report.gold.sha256, sha256(uner))
      assert.deepStrictEqual([report.usable, report.rejected], [2, {}])
      const sentences = readFileSync(join(root, "out/synthetic.conll"), "utf8").split("\n\n").filter((s) => s !== "").sort()
      assert.deepStrictEqual(sentences, [
        "Ali B-PER\nleft O\nKano B-LOC",
        "Musa B-PER\nBello I-PER\nwent O\nto O\nAbuja B-LOC\n. O"
      ])
    }))

  it.live("fails, writing nothing, when the set has fewer usable sentences than each prompt shows", () =>
    Effect.gen(function*() {
      const root = workspaceWith([])
      const goldDir = goldFolder({ [hausaPath]: hausa })
      const out = join(root, "out")
      const error = yield* Effect.flip(runAt(root, { set: "masakhaner2-hau", goldDir, examples: 3, points: 1, calls: 1, seed: "s", out }))
      assert.strictEqual(error.message, "masakhaner2-hau has 2 sentences usable as examples, fewer than the 3 each prompt shows")
      assert.isFalse(existsSync(out))
    }))

  const sharedGold = sharedData
  // MasakhaNER 2.0 is not in the repository (non-commercial licence).
  it.live.skipIf(sharedDataAbsent)(needsSharedData("reads a whole set of ../shared/data, where it is present"), () =>
    Effect.gen(function*() {
      const root = workspaceWith([])
      const out = join(root, "out")
      const report = yield* runAt(root, { set: "masakhaner2-hau", goldDir: sharedGold, examples: 5, points: 10, calls: 3, seed: "s", out })
      // ../shared/data/README.md: hau/test.txt has 1633 sentences and exactly one invalid O -> I-X transition.
      assert.deepStrictEqual([report.gold.sentences, report.gold.repaired], [1633, 1])
      assert.deepStrictEqual(report.types, ["DATE", "LOC", "ORG", "PER"])
      assert.strictEqual(report.usable + (report.rejected["copied-example"] ?? 0), 30)
      const written = readFileSync(join(out, "synthetic.conll"), "utf8").split("\n\n").filter((s) => s.trim() !== "")
      assert.strictEqual(written.length, report.usable)
    }))
})
