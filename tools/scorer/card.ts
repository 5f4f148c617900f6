import { FEATURE_NAMES } from "#scoring"
import type { FeatureManifest } from "#scoring"
import { BIAS, HINGES } from "./heuristic.ts"

const FEATURE_MEANINGS: Record<typeof FEATURE_NAMES[number], string> = {
  words: "ln(1 + words) / ln(257), capped at 1 (1 = the 256-word passage length)",
  letters: "letters and combining marks (\\p{L}, \\p{M}) per non-space character",
  punctuation: "punctuation (\\p{P}) per non-space character",
  symbols: "symbols (\\p{S}) per non-space character",
  variety: "mean type/token ratio over 50-word windows (whole text when shorter)",
  lines: "line breaks per word, capped at 1",
  capitalised: "capitalised words that do not open a sentence, per word",
  numeric: "words holding a digit, per word"
}

/** The model card (README.md) written beside the model, generated from the same weights as the model. */
export const modelCard = (manifest: FeatureManifest): string =>
  [
    `# ${manifest.model} v${manifest.version}`,
    "",
    "A **hand-weighted stand-in** for the FiNERweb passage scorer. It is **not trained**: every weight below was set",
    "by hand to encode a documented heuristic of \"prose worth annotating for NER\". It exists so the score stage runs",
    "end to end, offline and deterministically, until the trained scorer (hashed character n-grams into an MLP,",
    "trained on teacher ratings, or an XLM-R regressor exported to ONNX) replaces it behind the same manifest.",
    "",
    "Written by `npx node tools/scorer/write-model.ts` (do not edit these files by hand; change",
    "`tools/scorer/heuristic.ts` and run it again). Writing twice gives identical bytes.",
    "",
    "## Files",
    "",
    `- \`${manifest.file}\`: ONNX, IR version ${manifest.irVersion}, opset ${manifest.opsetVersion}, ` +
    `${manifest.bytes} bytes, sha256 \`${manifest.sha256}\``,
    "- `scorer.json`: the manifest the `Scorer` service reads (digest, tensor names, feature order)",
    "",
    "## Interface",
    "",
    `- input \`${manifest.input.name}\`: float32 [${manifest.input.shape.join(", ")}], the output of ` +
    "`passageFeatures` from `#scoring`",
    `- output \`${manifest.output.name}\`: float32 [${manifest.output.shape.join(", ")}] in (0, 1); the score ` +
    "stage keeps passages above the `threshold` of `libs/stages/src/score/config.json` (the paper keeps predictions > 0.5)",
    "",
    "## Features (in tensor order)",
    "",
    "| # | feature | meaning |",
    "|---|---------|---------|",
    ...FEATURE_NAMES.map((name, i) => `| ${i} | ${name} | ${FEATURE_MEANINGS[name]} |`),
    "",
    "Words, and the sentences that say which words open one, come from `#text` in the language's writing: runs",
    "between spaces, or `Intl.Segmenter` for the scripts written without them (Thai, Lao, Khmer, Myanmar, Chinese,",
    "Japanese), so every feature means the same in every script.",
    "",
    "## Network",
    "",
    "`score = Sigmoid(output_weight · Relu(hidden_weight · features + hidden_bias) + output_bias)`",
    "",
    "Each hidden unit is one hinge on one feature, `relu(x - knot)` (above) or `relu(knot - x)` (below); summed with",
    "their output weights they give each feature a piecewise-linear effect on the logit (a generalised additive",
    "model that a 2-layer MLP computes exactly).",
    "",
    "| unit | feature | hinge | output weight | why |",
    "|------|---------|-------|---------------|-----|",
    ...HINGES.map((h, i) =>
      `| ${i} | ${h.feature} | ${h.side === "above" ? `relu(x - ${h.knot})` : `relu(${h.knot} - x)`} | ` +
      `${h.weight} | ${h.why} |`
    ),
    "",
    `Output bias: ${BIAS}.`,
    "",
    "## Intended use",
    "",
    "Ranking and filtering ~256-word web passages before LLM annotation in the FiNERweb pipeline: clean prose of 30+",
    "words in any script scores well above 0.5; menus, number lists, tables, symbol runs, repeated tokens and",
    "fragments of under ~12 words score well below it.",
    "",
    "## Limits",
    "",
    "- It judges the form of a text, not its content: fluent spam, machine translation or off-topic prose pass.",
    "- The name signal (capitalised words) exists only in cased scripts; other scripts get no bonus for names.",
    "- Repetition is measured within 50-word windows, so a paragraph repeated verbatim is not caught.",
    "- The weights were checked on a handful of hand-written samples, not validated on teacher ratings; treat its",
    "  scores as a coarse ordering, not a calibrated probability.",
    ""
  ].join("\n")
