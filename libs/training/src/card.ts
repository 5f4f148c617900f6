import type { BinaryScores } from "./metrics.ts"
import type { TrainScorerConfig } from "./config.ts"
import type { Report } from "./report.ts"

interface CardManifest {
  readonly model: string
  readonly version: number
  readonly file: string
  readonly sha256: string
  readonly bytes: number
  readonly irVersion: number
  readonly opsetVersion: number
}

/** A source's counts: languages with ratings, ratings, useful ones, and how many were trained on and held out. */
interface SourceCounts {
  readonly languages: number
  readonly ratings: number
  readonly useful: number
  readonly train: number
  readonly heldOut: number
  readonly raters: ReadonlyArray<string>
}

interface CardResults {
  readonly sources: {
    readonly embedded: SourceCounts
    readonly flores: { readonly skipped: string } | (SourceCounts & {
      readonly dir: string
      readonly sentencesPerPassage: number
      readonly passages: number
      readonly rejected: Record<string, number>
      readonly histogram: Record<string, number>
    })
  }
  readonly config: TrainScorerConfig
  readonly training: { readonly examples: number; readonly finalLoss: number }
  readonly heldOut: { readonly embedded: Report; readonly flores: Report | null }
}

const show = (value: number | null) => (value === null ? "-" : value.toFixed(3))

const scoreRow = (name: string, s: BinaryScores) =>
  `| ${name} | ${s.examples} | ${s.positives} | ${s.predictedPositives} | ${show(s.precision)} | ${show(s.recall)} | ` +
  `${show(s.f1)} |`

const reportTable = (report: Report) => [
  `Macro over languages (each score averaged over the languages where it is defined): P ${show(report.macro.precision)}, ` +
  `R ${show(report.macro.recall)}, F1 ${show(report.macro.f1)}.`,
  "",
  "| language | passages | useful (score >= 3) | predicted useful | P | R | F1 |",
  "|---|---|---|---|---|---|---|",
  scoreRow("**all**", report.overall),
  ...Object.entries(report.perLanguage).map(([language, scores]) => scoreRow(language, scores))
]

const counted = (record: Record<string, number>) =>
  Object.entries(record).map(([key, n]) => `${key}: ${n}`).join(", ") || "none"

const sourceLine = (name: string, source: SourceCounts) =>
  `| ${name} | ${source.languages} | ${source.ratings} | ${source.useful} | ${source.train} | ${source.heldOut} | ` +
  `${source.raters.join("; ") || "-"} |`

/** The model card (README.md) written beside the trained model, from the same figures as `report.json`. */
export const modelCard = (manifest: CardManifest, results: CardResults): string => {
  const { sources, config } = results
  const { flores } = sources
  const raters = [...sources.embedded.raters, ...("skipped" in flores ? [] : flores.raters)]
  const standIn = raters.some((rater) => rater.includes("stand-in"))
  return [
    `# ${manifest.model} v${manifest.version}`,
    "",
    "The FiNERweb passage scorer trained by `finerweb train-scorer` (`npx nx run finerweb:train-scorer`): hashed",
    "character n-grams into a one-hidden-layer network, fitted in TypeScript on usefulness ratings with the paper's",
    "binary target (useful when the 1-4 score is >= 3). The score stage's default model. Written by the target; do",
    "not edit by hand.",
    ...(standIn
      ? [
        "",
        "**The ratings come from the offline teacher, a rule-based stand-in, not an LLM**: this model learns the teacher's",
        "rule (entities its annotate rules find, their variety, and noise), not an LLM's judgement. Configure an LLM in",
        "`libs/llm/llm.json` and rerun `rate` and `train-scorer` for the real thing."
      ]
      : []),
    "",
    "## Files",
    "",
    `- \`${manifest.file}\`: ONNX, IR version ${manifest.irVersion}, opset ${manifest.opsetVersion}, ${manifest.bytes} bytes, ` +
    `sha256 \`${manifest.sha256}\``,
    "- `scorer.json`: the manifest the `Scorer` service reads (digest, tensor names, n-gram settings)",
    "- `report.json`: every figure of this card",
    "",
    "## Data",
    "",
    "Two sources, each rated through the LLM client with the rate stage's prompt and parser, each held out apart:",
    `${config.holdout * 100}% of each language of each source, by the seeded hash rank of the passage id (seed`,
    `\`${config.seed}\`); the network is trained on the rest of both.`,
    "",
    "- **embedded**: the `rate` stage's output of every language, a seeded sample of the passages `sample` cut from the",
    "  workspace's corpus (the embedded UDHR articles unless `FINERWEB_CORPUS_DIR` names another).",
    ...("skipped" in flores
      ? [`- **FLORES**: skipped, ${flores.skipped}.`]
      : [
        `- **FLORES**: the FLORES-200 sentences (SIB-200 layout, \`${flores.dir}\`) of the workspace's languages, joined`,
        `  in index order into ${flores.passages} passages of ${flores.sentencesPerPassage} sentences. Scores: ` +
        `${counted(flores.histogram)}; rejected answers: ${counted(flores.rejected)}.`
      ]),
    "",
    "| source | languages | ratings | useful (score >= 3) | trained on | held out | rated by |",
    "|---|---|---|---|---|---|---|",
    sourceLine("embedded", sources.embedded),
    ...("skipped" in flores ? [] : [sourceLine("FLORES", flores)]),
    "",
    "## Features",
    "",
    `Character n-grams of ${config.ngrams.minN} to ${config.ngrams.maxN} code points of the text lower-cased, digits as`,
    "0, white space runs as one space (or one line break when they hold one), padded with a space; each hashed by",
    `32-bit FNV-1a into ${config.ngrams.dimensions} buckets, counts taken as ln(1 + count), the vector scaled to unit`,
    "length (`ngramFeatures` of `#scoring`). The same in every script; no tokenizer or vocabulary.",
    "",
    "## Network and training",
    "",
    `\`score = Sigmoid(Relu(features · W1 + b1) · W2 + b2)\`, W1 [${config.ngrams.dimensions}, ${config.hidden}], W2 ` +
    `[${config.hidden}, 1] (ONNX MatMul, Add, Relu, Sigmoid).`,
    "",
    `Binary cross-entropy plus L2 ${config.l2} on the weights, minibatch Adam (step ${config.learningRate}, batches of ` +
    `${config.batchSize}, ${config.epochs} epochs), Glorot-uniform start, all drawn from the seed \`${config.seed}\`, in ` +
    `float64 and rounded to float32: the same ratings and settings give the same bytes. ${results.training.examples} ` +
    `training passages; final training loss ${results.training.finalLoss}. Predicted useful above ${config.threshold}.`,
    "",
    "## Held-out report: embedded",
    "",
    ...reportTable(results.heldOut.embedded),
    "",
    "## Held-out report: FLORES",
    "",
    ...(results.heldOut.flores === null || "skipped" in flores
      ? [`Skipped: ${"skipped" in flores ? flores.skipped : "no FLORES passage"}.`]
      : reportTable(results.heldOut.flores)),
    "",
    "## Limits",
    "",
    "- It learns its raters: with the offline teacher that is a rule about entities its gazetteers know and noise.",
    "- A score is undefined (-) where a language has no useful passage held out (recall) or none is predicted useful",
    "  (precision); the macro average leaves those languages out.",
    "- The embedded corpus (UDHR articles) has few named entities, so nearly all its passages rate 1 and the model",
    "  keeps few of them; FLORES (news, travel and health articles) holds most of the useful passages it learns from.",
    ""
  ].join("\n")
}
