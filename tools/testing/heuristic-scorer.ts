/**
 * The hand-weighted scorer, once the default model, now a test fixture: a 2-layer network over `passageFeatures`
 * whose every weight is a documented hinge, so a test can say by hand which passages it keeps. The default model is
 * trained (`train-scorer`) and its scores change with each retrain; tests of the `Scorer`'s "passage-features" path
 * and of the score stage's selection rule need scores that do not.
 *
 * Written with `onnx-wire.ts`, not `#training`'s writer (see `tiny-transformer.ts`). For the same reason the feature
 * names are written out here rather than imported from `#scoring`: the `Scorer` refuses a manifest whose features are
 * not `FEATURE_NAMES` in order, so a drift fails loudly.
 */
import { createHash } from "node:crypto"
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { FLOAT, initializer, int, message, node, text, valueInfo } from "./onnx-wire.ts"

/** `passageFeatures`' outputs in tensor order (`FEATURE_NAMES` of `#scoring`). */
const FEATURES = ["words", "letters", "punctuation", "symbols", "variety", "lines", "capitalised", "numeric"]

/**
 * One hidden unit: a hinge `relu(x - knot)` ("above") or `relu(knot - x)` ("below") on one feature, and the weight
 * with which it moves the output logit. Summed, the hinges give each feature a piecewise-linear effect.
 */
export interface Hinge {
  readonly feature: string
  readonly side: "above" | "below"
  readonly knot: number
  readonly weight: number
  readonly why: string
}

/**
 * The hand-set weights: clean prose of 30+ words in any script lands clearly above 0.5, and menus, number lists,
 * tables, symbol runs, repeated tokens and fragments under ~12 words clearly below.
 */
export const HINGES: ReadonlyArray<Hinge> = [
  { feature: "words", side: "above", knot: 0, weight: 6, why: "longer passages score higher, up to 256 words" },
  { feature: "words", side: "below", knot: 0.62, weight: -25, why: "under ~30 words the score falls steeply" },
  { feature: "letters", side: "above", knot: 0, weight: 4, why: "prose is mostly letters" },
  { feature: "letters", side: "below", knot: 0.8, weight: -20, why: "under 80% letters: numbers, code, tables" },
  { feature: "punctuation", side: "above", knot: 0.12, weight: -15, why: "more than 12% punctuation: lists, markup" },
  { feature: "symbols", side: "above", knot: 0.02, weight: -20, why: "more than 2% symbols: tables, prices, emoji" },
  { feature: "variety", side: "above", knot: 0, weight: 3, why: "varied wording" },
  { feature: "variety", side: "below", knot: 0.45, weight: -12, why: "repeated words: spam, keyword lists" },
  { feature: "lines", side: "above", knot: 0.05, weight: -10, why: "a line break every few words: menus, lists" },
  { feature: "capitalised", side: "above", knot: 0, weight: 10, why: "capitalised words inside sentences: names" },
  { feature: "capitalised", side: "above", knot: 0.15, weight: -10, why: "the name bonus stops at 15% of words" },
  { feature: "capitalised", side: "above", knot: 0.45, weight: -8, why: "title case everywhere: headings, menus" },
  { feature: "numeric", side: "above", knot: 0, weight: 10, why: "some numbers: years, dates, quantities" },
  { feature: "numeric", side: "above", knot: 0.05, weight: -10, why: "the number bonus stops at 5% of words" },
  { feature: "numeric", side: "above", knot: 0.2, weight: -12, why: "more than 20% numbers: tables, price lists" }
]

/** The output bias: with it, 30 words of clean prose with no names or numbers score about 0.85. */
export const BIAS = -8.5

export const HEURISTIC_MODEL = "finerweb-heuristic-scorer"

/** The network as ONNX (IR 8, opset 17): features [batch, F] -> MatMul, Add, Relu -> MatMul, Add, Sigmoid -> score. */
const heuristicModel = (): Uint8Array => {
  const features = FEATURES
  const units = HINGES.length
  // [F, H]: unit h reads its feature with sign +1 (above) or -1 (below), and its bias is minus the signed knot.
  const weights = new Array<number>(features.length * units).fill(0)
  HINGES.forEach((hinge, h) => (weights[features.indexOf(hinge.feature) * units + h] = hinge.side === "above" ? 1 : -1))
  const biases = HINGES.map((hinge) => (hinge.side === "above" ? -hinge.knot : hinge.knot))
  const graph = [
    message(1, node("MatMul", ["features", "hidden_weight"], "hidden_product")),
    message(1, node("Add", ["hidden_product", "hidden_bias"], "hidden_linear")),
    message(1, node("Relu", ["hidden_linear"], "hinges")),
    message(1, node("MatMul", ["hinges", "output_weight"], "output_product")),
    message(1, node("Add", ["output_product", "output_bias"], "logit")),
    message(1, node("Sigmoid", ["logit"], "score")),
    text(2, HEURISTIC_MODEL),
    message(5, initializer("hidden_weight", [features.length, units], weights)),
    message(5, initializer("hidden_bias", [units], biases)),
    message(5, initializer("output_weight", [units, 1], HINGES.map((hinge) => hinge.weight))),
    message(5, initializer("output_bias", [1], [BIAS])),
    message(11, valueInfo("features", FLOAT, ["batch", features.length])),
    message(12, valueInfo("score", FLOAT, ["batch", 1]))
  ]
  return new Uint8Array([...int(1, 8), ...message(7, graph), ...message(8, [int(2, 17)])])
}

/**
 * Writes scorer.onnx and its manifest scorer.json (preparation "passage-features") into `folder`, emptied first, or a
 * new temp folder; returns the model's path.
 */
export const writeHeuristicScorer = (folder = mkdtempSync(join(tmpdir(), "finerweb-heuristic-scorer-"))): string => {
  rmSync(folder, { recursive: true, force: true })
  mkdirSync(folder, { recursive: true })
  const model = heuristicModel()
  writeFileSync(join(folder, "scorer.onnx"), model)
  const manifest = {
    model: HEURISTIC_MODEL,
    version: 1,
    file: "scorer.onnx",
    sha256: createHash("sha256").update(model).digest("hex"),
    bytes: model.length,
    irVersion: 8,
    opsetVersion: 17,
    preparation: "passage-features",
    input: { name: "features", shape: ["batch", FEATURES.length] },
    output: { name: "score", shape: ["batch", 1] },
    features: FEATURES
  }
  writeFileSync(join(folder, "scorer.json"), `${JSON.stringify(manifest, null, 2)}\n`)
  return join(folder, "scorer.onnx")
}
