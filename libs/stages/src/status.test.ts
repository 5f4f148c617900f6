import * as NodeServices from "@effect/platform-node/NodeServices"
import { assert, describe, it } from "@effect/vitest"
import { ConfigProvider, Effect, Layer } from "effect"
import { appendFileSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { Workspace } from "#workspace"
import { type Cell, type CellObservation, compareCell, renderStatus, workspaceStatus } from "./status.ts"
import { stageNames } from "./table.ts"
import { runStageAt, tinyWorkspace } from "./workspace.fixture.ts"

const digest = (sha256: string) => ({ sha256, bytes: 10 })

/** A fragment that agrees with what is on disk and with the inputs now; each test changes one thing. */
const agreeing: CellObservation = {
  fragment: {
    inputs: {
      language: "l1",
      config: { seed: "s", sample: 25 },
      prompt: "p1",
      reads: { "annotate/annotations.jsonl": "a1" },
      packages: { effect: "4.1.0", openai: "7.57.0" },
      llm: { endpoint: "offline-teacher", model: "m", standIn: true }
    },
    outputs: { "judgements.jsonl": digest("j1"), "summary.json": digest("s1") }
  },
  inputs: {
    language: "l1",
    config: { sample: 25, seed: "s" },
    prompt: "p1",
    reads: { "annotate/annotations.jsonl": "a1" },
    packages: { effect: "4.1.0", openai: "7.57.0" },
    llm: { endpoint: "offline-teacher", model: "m", standIn: true }
  },
  outputs: { "judgements.jsonl": digest("j1"), "summary.json": digest("s1") },
  upstream: [{ stage: "annotate", state: "fresh" }]
}

const withInputs = (inputs: Record<string, unknown>): CellObservation => ({
  ...agreeing,
  inputs: { ...agreeing.inputs, ...inputs }
})

describe("compareCell", () => {
  it("is fresh when every input and output agrees, whatever the key order of the config", () => {
    assert.deepStrictEqual(compareCell(agreeing), { state: "fresh", reasons: [] })
  })

  it("is missing without a fragment, with no reasons", () => {
    assert.deepStrictEqual(compareCell({ ...agreeing, fragment: null }), { state: "missing", reasons: [] })
  })

  it("names each changed input, in the order of the inputs, and the packages whose versions changed", () => {
    assert.deepStrictEqual(
      compareCell(withInputs({
        language: "l2",
        config: { sample: 30, seed: "s" },
        prompt: "p2",
        packages: { effect: "4.1.0", openai: "7.58.0" },
        llm: { endpoint: "https://api.example.com/v1", model: "m", standIn: false }
      })).reasons,
      ["language changed", "config changed", "prompt changed", "packages changed: openai 7.57.0 -> 7.58.0", "LLM endpoint changed"]
    )
  })

  it("does not compare an input it cannot recompute (absent from the current inputs)", () => {
    const { llm: _, ...withoutLlm } = agreeing.inputs
    assert.strictEqual(compareCell({ ...agreeing, inputs: withoutLlm }).state, "fresh")
  })

  it("a changed upstream file is named by its file, not again as a stale stage", () => {
    assert.deepStrictEqual(
      compareCell({
        ...withInputs({ reads: { "annotate/annotations.jsonl": "a2" } }),
        upstream: [{ stage: "annotate", state: "stale" }]
      }).reasons,
      ["upstream changed: annotate/annotations.jsonl"]
    )
  })

  it("a stale upstream stage whose files are unchanged, and a missing one named once, not by its files", () => {
    assert.deepStrictEqual(
      compareCell({
        ...withInputs({ reads: { "annotate/annotations.jsonl": "a1", "translate/labels.json": null } }),
        fragment: {
          ...agreeing.fragment!,
          inputs: { ...agreeing.fragment!.inputs, reads: { "annotate/annotations.jsonl": "a1", "translate/labels.json": "t1" } }
        },
        upstream: [{ stage: "annotate", state: "stale" }, { stage: "translate", state: "missing" }]
      }).reasons,
      ["upstream stale: annotate", "upstream missing: translate"]
    )
  })

  it("an output changed on disk or gone", () => {
    assert.deepStrictEqual(
      compareCell({ ...agreeing, outputs: { "judgements.jsonl": { sha256: "j1", bytes: 11 }, "summary.json": null } }),
      { state: "stale", reasons: ["output changed: judgements.jsonl", "output missing: summary.json"] }
    )
  })
})

describe("renderStatus", () => {
  it("draws a row per language and a column per stage, a legend, and the stale cells with their reasons", () => {
    const cells: Array<Cell> = [
      { language: "afr_Latn", stage: "sample", state: "fresh", reasons: [], pinned: true },
      { language: "afr_Latn", stage: "judge", state: "stale", reasons: ["prompt changed"], pinned: true },
      { language: "tha_Thai", stage: "sample", state: "fresh", reasons: [], pinned: true },
      { language: "tha_Thai", stage: "judge", state: "fresh", reasons: [], pinned: true },
      { language: "tha_Thai", stage: "evaluate", state: "missing", reasons: [], pinned: false }
    ]
    const lines = renderStatus(cells).split("\n")
    assert.deepStrictEqual(lines.slice(0, 3), [
      "language  sample  judge  evaluate*",
      "afr_Latn  ok      STALE",
      "tha_Thai  ok      ok     --"
    ])
    assert.match(lines[4], /^ok fresh \(3\) {3}STALE stale \(1, reasons below\) {3}-- missing \(1\)/)
    assert.match(lines[5], /^Code changes are not seen/)
    assert.deepStrictEqual(lines.slice(7), ["stale:", "  afr_Latn judge: prompt changed", ""])
  })
})

/** The status of the workspace at `root`, with an environment that holds only `environment`. */
const statusAt = (root: string, environment: Record<string, string> = {}) =>
  workspaceStatus().pipe(
    Effect.provide(Workspace.layer(root).pipe(Layer.provideMerge(NodeServices.layer))),
    Effect.provide(ConfigProvider.layer(ConfigProvider.fromEnvRecord(environment)))
  )

/** Every cell that is not fresh, as `code/stage` to its reasons, or to `missing`. */
const notFresh = (cells: ReadonlyArray<Cell>) =>
  Object.fromEntries(
    cells.filter((cell) => cell.state !== "fresh").map((cell) => [
      `${cell.language}/${cell.stage}`,
      cell.state === "missing" ? "missing" : cell.reasons
    ])
  )

/** A temporary workspace with every stage of each language but evaluate built with the offline teacher. */
const built = (languages: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const root = tinyWorkspace(languages)
    // Every stage but evaluate, which needs the gold data: rate too, though the dataset's build does not run it.
    const stages = stageNames.filter((stage) => stage !== "evaluate")
    for (const code of languages) yield* Effect.forEach(stages, (stage) => runStageAt(root, stage, code), { discard: true })
    return root
  })

const out = (root: string, code: string, stage: string, file: string) => join(root, "languages", code, "out", stage, file)

describe("workspaceStatus on a built workspace", () => {
  it.live("after a build: every stage built fresh, evaluate missing where the language has gold data, absent elsewhere", () =>
    Effect.gen(function*() {
      const root = yield* built(["afr_Latn", "tha_Thai"])
      const cells = yield* statusAt(root)
      assert.strictEqual(cells.length, 17)
      assert.deepStrictEqual(notFresh(cells), { "tha_Thai/evaluate": "missing" })
      assert.deepStrictEqual(
        cells.filter((cell) => cell.language === "afr_Latn").map((cell) => cell.stage),
        ["sample", "rate", "score", "annotate-second", "annotate", "judge", "translate", "export"]
      )
      assert.isFalse(cells.find((cell) => cell.stage === "evaluate")!.pinned)
    }).pipe(Effect.provide(NodeServices.layer)))

  it.live("an edited judge prompt: judge is stale, prompt changed; export is stale through it", () =>
    Effect.gen(function*() {
      const root = yield* built(["tha_Thai"])
      appendFileSync(join(root, "libs/stages/src/judge/prompt.md"), "\nBe brief.\n")
      assert.deepStrictEqual(notFresh(yield* statusAt(root)), {
        "tha_Thai/judge": ["prompt changed"],
        "tha_Thai/export": ["upstream stale: judge"],
        "tha_Thai/evaluate": "missing"
      })
    }))

  it.live("one changed byte of annotate's output: annotate names the file, its readers the upstream file", () =>
    Effect.gen(function*() {
      const root = yield* built(["tha_Thai"])
      const file = out(root, "tha_Thai", "annotate", "annotations.jsonl")
      const text = readFileSync(file, "utf8")
      writeFileSync(file, text.replace("\"", "'"))
      assert.deepStrictEqual(notFresh(yield* statusAt(root)), {
        "tha_Thai/annotate": ["output changed: annotations.jsonl"],
        "tha_Thai/judge": ["upstream changed: annotate/annotations.jsonl"],
        "tha_Thai/translate": ["upstream changed: annotate/annotations.jsonl"],
        "tha_Thai/export": ["upstream changed: annotate/annotations.jsonl", "upstream stale: judge", "upstream stale: translate"],
        "tha_Thai/evaluate": "missing"
      })
    }))

  it.live("a deleted stage folder: that stage missing, export stale as its upstream is missing", () =>
    Effect.gen(function*() {
      const root = yield* built(["tha_Thai"])
      rmSync(join(root, "languages/tha_Thai/out/translate"), { recursive: true })
      assert.deepStrictEqual(notFresh(yield* statusAt(root)), {
        "tha_Thai/translate": "missing",
        "tha_Thai/export": ["upstream missing: translate"],
        "tha_Thai/evaluate": "missing"
      })
    }))

  it.live("an edited language.json: each of that language's stages is stale, language changed; the other stays fresh", () =>
    Effect.gen(function*() {
      const root = yield* built(["afr_Latn", "tha_Thai"])
      appendFileSync(join(root, "languages/afr_Latn/language.json"), "\n")
      assert.deepStrictEqual(notFresh(yield* statusAt(root)), {
        "afr_Latn/sample": ["language changed"],
        "afr_Latn/rate": ["language changed", "upstream stale: sample"],
        "afr_Latn/score": ["language changed", "upstream stale: sample"],
        "afr_Latn/annotate-second": ["language changed", "upstream stale: score"],
        "afr_Latn/annotate": ["language changed", "upstream stale: score", "upstream stale: annotate-second"],
        "afr_Latn/judge": ["language changed", "upstream stale: annotate"],
        "afr_Latn/translate": ["language changed", "upstream stale: annotate"],
        "afr_Latn/export": ["language changed", "upstream stale: annotate", "upstream stale: judge", "upstream stale: translate"],
        "tha_Thai/evaluate": "missing"
      })
    }))

  it.live("structured output switched on in llm.json: every LLM stage says its request mode changed", () =>
    Effect.gen(function*() {
      const root = yield* built(["tha_Thai"])
      const settings = join(root, "libs/llm/llm.json")
      writeFileSync(settings, JSON.stringify({ ...JSON.parse(readFileSync(settings, "utf8")), structuredOutput: "json-schema" }))
      const stale = notFresh(yield* statusAt(root)) as Record<string, ReadonlyArray<string>>
      for (const stage of ["rate", "annotate", "judge", "translate"]) assert.include(stale[`tha_Thai/${stage}`], "LLM request mode changed", stage)
      for (const stage of ["sample", "score"]) assert.notProperty(stale, `tha_Thai/${stage}`)
    }))

  it.live("another LLM endpoint or corpus folder in the environment, and another scorer model", () =>
    Effect.gen(function*() {
      const root = yield* built(["tha_Thai"])
      appendFileSync(join(root, "libs/scoring/model/scorer.onnx"), "x")
      assert.deepStrictEqual(
        notFresh(yield* statusAt(root, { FINERWEB_LLM_BASE_URL: "https://api.example.com/v1", FINERWEB_CORPUS_DIR: "/data" })),
        {
          "tha_Thai/sample": ["corpus changed"],
          "tha_Thai/rate": ["LLM endpoint changed", "upstream stale: sample"],
          "tha_Thai/score": ["model changed", "upstream stale: sample"],
          "tha_Thai/annotate-second": ["upstream stale: score"],
          "tha_Thai/annotate": ["LLM endpoint changed", "upstream stale: score", "upstream stale: annotate-second"],
          "tha_Thai/judge": ["LLM endpoint changed", "upstream stale: annotate"],
          "tha_Thai/translate": ["LLM endpoint changed", "upstream stale: annotate"],
          "tha_Thai/export": ["upstream stale: annotate", "upstream stale: judge", "upstream stale: translate"],
          "tha_Thai/evaluate": "missing"
        }
      )
    }))
})
