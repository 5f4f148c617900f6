/**
 * A tiny transformer-shaped scorer written by the tests: a WordPiece `tokenizer.json` of ten tokens, and an ONNX
 * graph with the inputs of an `optimum-cli` export (int64 `input_ids`, `attention_mask` [batch, tokens]) that sums the
 * 2-d embeddings of the unmasked tokens and multiplies the sum by a [2, classes] matrix into `logits`.
 *
 * The ONNX bytes are written by a few lines of protobuf encoding (`onnx-wire.ts`) rather than `#training`'s writer,
 * which would make the scoring library's tests depend on a library that depends on it. The score stage's tests and the scorer bench
 * use it too.
 */
import { createHash } from "node:crypto"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { FLOAT, initializer, INT64, intAttribute, intsAttribute, int, message, node, text, valueInfo } from "./onnx-wire.ts"

/** Token ids: the four specials, then six words. */
const VOCAB = {
  "[PAD]": 0,
  "[UNK]": 1,
  "[CLS]": 2,
  "[SEP]": 3,
  paris: 4,
  is: 5,
  in: 6,
  france: 7,
  buy: 8,
  now: 9
}

/**
 * Each token's embedding, by id. Padding's is huge, so a score that counted a padded position would show it; "is"
 * and "in" weigh nothing.
 */
const EMBEDDINGS: ReadonlyArray<readonly [number, number]> = [
  [100, 100],
  [0, -1],
  [0.5, 0],
  [0, 0.5],
  [1, 0],
  [0, 0],
  [0, 0],
  [1, 0],
  [-1, 0],
  [-1, 0]
]

/** The tokenizer.json of a lower-casing, whitespace-splitting WordPiece tokenizer that wraps a passage in [CLS] [SEP]. */
const tokenizerJson = {
  version: "1.0",
  truncation: null,
  padding: null,
  added_tokens: ["[PAD]", "[UNK]", "[CLS]", "[SEP]"].map((content, id) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true
  })),
  normalizer: { type: "Lowercase" },
  pre_tokenizer: { type: "WhitespaceSplit" },
  post_processor: { type: "BertProcessing", sep: ["[SEP]", 3], cls: ["[CLS]", 2] },
  decoder: null,
  model: { type: "WordPiece", unk_token: "[UNK]", continuing_subword_prefix: "##", max_input_chars_per_word: 100, vocab: VOCAB }
}

/** A transformer manifest's `output`, as `OutputHead` in `#scoring` declares it (not imported: scoring's tests use this). */
export type TinyHead =
  | { readonly name: string; readonly head: "regression" | "sigmoid" }
  | { readonly name: string; readonly head: "softmax"; readonly positive: number }

/** The ONNX model (IR 6, opset 11): logits = (sum over unmasked tokens of embedding) x `weights` ([2, classes]). */
const transformerModel = (weights: ReadonlyArray<ReadonlyArray<number>>): Uint8Array => {
  const classes = weights[0].length
  const graph = [
    message(1, node("Gather", ["embeddings", "input_ids"], "embedded")),
    message(1, node("Cast", ["attention_mask"], "mask", [intAttribute("to", FLOAT)])),
    message(1, node("Unsqueeze", ["mask"], "mask3", [intsAttribute("axes", [2])])),
    message(1, node("Mul", ["embedded", "mask3"], "masked")),
    message(1, node("ReduceSum", ["masked"], "pooled", [intsAttribute("axes", [1]), intAttribute("keepdims", 0)])),
    message(1, node("MatMul", ["pooled", "weights"], "logits")),
    text(2, "tiny-transformer"),
    message(5, initializer("embeddings", [EMBEDDINGS.length, 2], EMBEDDINGS.flat())),
    message(5, initializer("weights", [2, classes], weights.flat())),
    message(11, valueInfo("input_ids", INT64, ["batch", "sequence"])),
    message(11, valueInfo("attention_mask", INT64, ["batch", "sequence"])),
    message(12, valueInfo("logits", FLOAT, ["batch", classes]))
  ]
  return new Uint8Array([...int(1, 6), ...message(7, graph), ...message(8, [int(2, 11)])])
}

/**
 * Writes model.onnx, its manifest model.json and tokenizer.json into a new temp folder; returns the model's path.
 * A regression or sigmoid head reads one logit, x + y/2 of the pooled embedding; softmax two, (0, x).
 */
export const writeTinyTransformer = (output: TinyHead, maxLength = 16): string => {
  const folder = mkdtempSync(join(tmpdir(), "finerweb-tiny-transformer-"))
  const model = transformerModel(output.head === "softmax" ? [[0, 1], [0, 0]] : [[1], [0.5]])
  writeFileSync(join(folder, "model.onnx"), model)
  writeFileSync(join(folder, "tokenizer.json"), JSON.stringify(tokenizerJson))
  const manifest = {
    model: "tiny-transformer",
    version: 1,
    file: "model.onnx",
    sha256: createHash("sha256").update(model).digest("hex"),
    preparation: "tokenizer",
    tokenizer: { file: "tokenizer.json", maxLength, padId: VOCAB["[PAD]"] },
    output
  }
  writeFileSync(join(folder, "model.json"), JSON.stringify(manifest))
  return join(folder, "model.onnx")
}
