import { type Effect, type FileSystem, type Layer, type Path, Schema } from "effect"
import {
  AnnotatedPassage,
  AnnotateManifest,
  EvaluatedSentence,
  EvaluateManifest,
  EvaluationError,
  EvaluationReport,
  ExportRecord,
  FormatLoss,
  GlinerLine,
  Judgement,
  JudgeManifest,
  JudgeSummary,
  LanguageStatistics,
  Passage,
  PassageScore,
  RateManifest,
  SampleManifest,
  ScoredPassage,
  ScoreManifest,
  SecondAnnotateManifest,
  TranslatedLabels,
  TranslatedRecord,
  TranslateManifest,
  UsefulnessRating
} from "#schema"
import type { LoadedLanguage, Workspace } from "#workspace"

/**
 * The stage table: what each stage reads, writes and is configured by, in build order. It is the one source the Nx
 * plugin (targets, `dependsOn`, `inputs`), the CLI (commands and `--help`), the lock fragments and the README's stage
 * table are derived from. Everything a stage reads from another stage is one of the files declared here, with the
 * schema its writer encodes and its readers decode.
 */

/** A file a stage writes into `languages/<code>/out/<stage>/`. */
export interface StageFile<A = unknown, I = unknown> {
  readonly stage: string
  /** The file's name; `{code}` stands for the language code. */
  readonly name: string
  /**
   * JSON Lines (one row a line), one indented JSON document, text in a format of its own (CoNLL, CSV) or bytes
   * (parquet); the schema encodes JSON, and checks that text is a string and bytes are bytes.
   */
  readonly format: "jsonl" | "json" | "text" | "bytes"
  readonly schema: Schema.Codec<A, I>
}

const jsonl = <A, I>(stage: string, name: string, schema: Schema.Codec<A, I>) =>
  ({ stage, name, format: "jsonl", schema }) as const satisfies StageFile<A, I>
const json = <A, I>(stage: string, name: string, schema: Schema.Codec<A, I>) =>
  ({ stage, name, format: "json", schema }) as const satisfies StageFile<A, I>
const text = (stage: string, name: string) =>
  ({ stage, name, format: "text", schema: Schema.String }) as const satisfies StageFile<string, string>
const bytes = (stage: string, name: string) =>
  ({ stage, name, format: "bytes", schema: Schema.Uint8Array }) as const satisfies StageFile<Uint8Array, Uint8Array>

/** What a file holds once decoded: its rows, or its one document. */
export type FileContent<F> = F extends { readonly format: "jsonl"; readonly schema: Schema.Codec<infer A, infer _> }
  ? ReadonlyArray<A>
  : F extends { readonly schema: Schema.Codec<infer A, infer _> } ? A
  : never

/** Every file a stage writes, by the name its program gives it. */
export const stageFiles = {
  sample: {
    passages: jsonl("sample", "passages.jsonl", Passage),
    manifest: json("sample", "manifest.json", SampleManifest)
  },
  rate: {
    ratings: jsonl("rate", "ratings.jsonl", UsefulnessRating),
    manifest: json("rate", "manifest.json", RateManifest)
  },
  score: {
    passages: jsonl("score", "passages.jsonl", ScoredPassage),
    scores: jsonl("score", "scores.jsonl", PassageScore),
    manifest: json("score", "manifest.json", ScoreManifest)
  },
  "annotate-second": {
    annotations: jsonl("annotate-second", "annotations.jsonl", AnnotatedPassage),
    manifest: json("annotate-second", "manifest.json", SecondAnnotateManifest)
  },
  annotate: {
    annotations: jsonl("annotate", "annotations.jsonl", AnnotatedPassage),
    manifest: json("annotate", "manifest.json", AnnotateManifest)
  },
  judge: {
    judgements: jsonl("judge", "judgements.jsonl", Judgement),
    summary: json("judge", "summary.json", JudgeSummary),
    manifest: json("judge", "manifest.json", JudgeManifest)
  },
  translate: {
    labels: json("translate", "labels.json", TranslatedLabels),
    manifest: json("translate", "manifest.json", TranslateManifest)
  },
  export: {
    records: jsonl("export", "{code}.jsonl", ExportRecord),
    translated: jsonl("export", "{code}.x.jsonl", TranslatedRecord),
    gliner: jsonl("export", "{code}.gliner.jsonl", GlinerLine),
    conll: text("export", "{code}.conll"),
    parquet: bytes("export", "{code}.parquet"),
    losses: jsonl("export", "losses.jsonl", FormatLoss),
    labels: json("export", "labels.json", TranslatedLabels),
    statistics: json("export", "stats.json", LanguageStatistics),
    statisticsCsv: text("export", "stats.csv")
  },
  evaluate: {
    scores: json("evaluate", "scores.json", EvaluationReport),
    sentences: jsonl("evaluate", "sentences.jsonl", EvaluatedSentence),
    errors: jsonl("evaluate", "errors.jsonl", EvaluationError),
    manifest: json("evaluate", "manifest.json", EvaluateManifest)
  }
} as const

/** Everything a stage program needs from the application, besides the services its own layer provides. */
export type StageContext = Workspace | FileSystem.FileSystem | Path.Path

/**
 * A stage's code: its program, and the layer of the services it uses (the LLM client, the scorer) built from the
 * workspace's configuration. The application provides the stage context once; tests may provide other layers.
 * The table holds stages of different services side by side, so it sees `run`'s requirements only as "what
 * `layer` provides, and the stage context" (`runStage` states it once).
 */
/**
 * The requests an LLM stage would send for a language, in order (`chatRequest` of each prompt): what `--cost`
 * prices. The shape of `#llm`'s `ChatRequest`, spelled out so that the table, which every stage imports, does not
 * make `#llm` a dependency of stages that ask no model (`cost.ts` hands these to `findCached`, which checks it).
 */
export interface StagePlan {
  readonly requests: ReadonlyArray<{
    readonly messages: ReadonlyArray<{ readonly role: "system" | "user" | "assistant"; readonly content: string }>
    readonly temperature: number
    readonly maxTokens: number
    readonly responseFormat?: { readonly name: string; readonly schema: { readonly [key: string]: unknown } }
  }>
  /** Who would be asked, where the stage asks another server than the configured one (the second annotator). */
  readonly endpoint?: { readonly baseUrl: string; readonly model: string }
}

export interface StageModule {
  readonly run: (language: LoadedLanguage) => Effect.Effect<unknown, unknown, any>
  readonly layer: Layer.Layer<never, unknown, StageContext>
  /** An LLM stage's prompts for the language, from its upstream files, without asking: what `status --cost` prices. */
  readonly plan?: (language: LoadedLanguage) => Effect.Effect<StagePlan, unknown, StageContext>
}

/**
 * What a stage reads from outside the workspace's files: the environment variables named once here, each hashed by
 * the `nx.json` named input of the same name. The API key's variable is named in `llm.json` and is never an input.
 */
export const externalInputs = {
  /** A local FineWeb-2 download (or any folder of rows in its shape); unset means the embedded UDHR corpus. */
  corpus: { corpusDir: "FINERWEB_CORPUS_DIR" },
  /** Override `llm.json`'s endpoint and model. */
  llm: { baseUrl: "FINERWEB_LLM_BASE_URL", model: "FINERWEB_LLM_MODEL" },
  /** The folder holding the gold sets (default: evaluate's config); each file is checked against its sha256. */
  gold: { goldDir: "FINERWEB_GOLD_DIR" }
} as const

export type ExternalInput = keyof typeof externalInputs

/** The LLM client's settings, shared by the LLM stages, relative to the workspace root (in the `llm` named input). */
export const llmSettingsFile = "libs/llm/llm.json"

export interface StageSpec {
  /** One line: what the stage does, for `--help` and the README. */
  readonly does: string
  /** The files of other stages it reads; the stages that write them run first. */
  readonly reads: ReadonlyArray<StageFile>
  readonly writes: Readonly<Record<string, StageFile>>
  /** Its configuration file, relative to the workspace root; pinned by value in the lock. */
  readonly config: string | null
  /**
   * The configuration of the stage whose program it runs as is (evaluate and annotate-second run annotate's): hashed
   * and pinned too.
   */
  readonly sharedConfig?: string
  /** Its prompt template, relative to the workspace root; pinned by digest in the lock. */
  readonly prompt: string | null
  readonly external: ReadonlyArray<ExternalInput>
  /** Workspace files its configuration names (a model's folder), as globs relative to the root: hashed with it. */
  readonly configured?: (config: any) => ReadonlyArray<string>
  /**
   * The npm packages its output depends on besides those every stage runs on (`runtimePackages`): their versions go
   * into the lock and the Nx hash.
   */
  readonly packages: ReadonlyArray<string>
  /** Whether `datasets.lock` pins its outputs: the dataset's stages do; a measurement keeps its fragment to itself. */
  readonly pinned: boolean
  /** The languages that have the stage (all when absent), judged from their `language.json`, and the rule in words. */
  readonly appliesTo?: {
    readonly when: string
    readonly test: (language: { readonly gold?: ReadonlyArray<unknown> }) => boolean
  }
  /** Loaded on demand, so that a task imports only what its own stage needs. */
  readonly load: () => Promise<StageModule>
}

/** Where a stage's program, parser, prompt, configuration and tests live. */
export const stageFolder = (stage: string) => `libs/stages/src/${stage}`

/** The packages every stage runs on: Effect, and Nx, which decides what reruns and what comes from its cache. */
const runtimePackages = ["effect", "nx"]

/** The packages whose versions a stage's lock fragment records and its Nx hash includes. */
export const lockedPackages = (stage: StageName): ReadonlyArray<string> => [
  ...new Set([...runtimePackages, ...(stageTable[stage] as StageSpec).packages])
]

const llmPackages = ["openai"]

export const stageTable = {
  sample: {
    does: "draws documents from the corpus by seeded hash rank and cuts each into ~256-word passages",
    reads: [],
    writes: stageFiles.sample,
    config: `${stageFolder("sample")}/config.json`,
    prompt: null,
    external: ["corpus"],
    packages: ["udhr", "hyparquet", "hyparquet-compressors"],
    pinned: true,
    load: (): Promise<StageModule> => import("./sample/sample.ts")
  },
  rate: {
    does: "an LLM rates a seeded sample of passages for NER usefulness on the paper's additive 1-4 scale, with a " +
      "justification: the training data of `finerweb train-scorer`",
    reads: [stageFiles.sample.passages],
    writes: stageFiles.rate,
    config: `${stageFolder("rate")}/config.json`,
    prompt: `${stageFolder("rate")}/prompt.md`,
    external: ["llm"],
    packages: llmPackages,
    // Training data of the scorer, not part of the dataset: `npm run build` does not run it, and its fragment stays
    // beside its output, as evaluate's does.
    pinned: false,
    load: (): Promise<StageModule> => import("./rate/rate.ts")
  },
  score: {
    does: "predicts each passage's NER usefulness with an ONNX model and keeps the first passage per document " +
      "above the threshold that is not mostly in another language (cld3, sentence by sentence), up to the language's " +
      "target; every passage's score goes to scores.jsonl",
    reads: [stageFiles.sample.passages],
    writes: stageFiles.score,
    config: `${stageFolder("score")}/config.json`,
    prompt: null,
    external: [],
    configured: (config: { modelPath: string }) => [`${config.modelPath.replace(/\/[^/]*$/, "")}/**`],
    packages: ["onnxruntime-node", "cld3-asm"],
    pinned: true,
    load: (): Promise<StageModule> => import("./score/score.ts")
  },
  "annotate-second": {
    does: "the second annotator (FiNERweb 2.4, `annotate-second/config.json`; none by default) annotates the same " +
      "passages with annotate's prompt, decoding, parser and alignment, as a cached target of its own",
    reads: [stageFiles.score.passages],
    writes: stageFiles["annotate-second"],
    config: `${stageFolder("annotate-second")}/config.json`,
    sharedConfig: `${stageFolder("annotate")}/config.json`,
    prompt: `${stageFolder("annotate")}/prompt.md`,
    // Its server is named in its own configuration; llm.json's settings still shape how it is asked.
    external: ["llm"],
    packages: llmPackages,
    pinned: true,
    load: (): Promise<StageModule> => import("./annotate-second/annotate-second.ts")
  },
  annotate: {
    does: "an LLM lists every entity of each passage as `[(\"mention\", \"type\"), ...]`; answers are parsed " +
      "tolerantly, rejections counted by reason, mentions aligned to code point offsets, and merged with " +
      "annotate-second's where a second annotator ran",
    reads: [stageFiles.score.passages, stageFiles["annotate-second"].annotations, stageFiles["annotate-second"].manifest],
    writes: stageFiles.annotate,
    config: `${stageFolder("annotate")}/config.json`,
    prompt: `${stageFolder("annotate")}/prompt.md`,
    external: ["llm"],
    packages: llmPackages,
    pinned: true,
    load: (): Promise<StageModule> => import("./annotate/annotate.ts")
  },
  judge: {
    does: "an LLM rates a seeded sample of annotated passages for faithfulness and completeness (1-5) and lists " +
      "missing, extra and wrong annotations",
    reads: [stageFiles.annotate.annotations],
    writes: stageFiles.judge,
    config: `${stageFolder("judge")}/config.json`,
    prompt: `${stageFolder("judge")}/prompt.md`,
    external: ["llm"],
    packages: llmPackages,
    pinned: true,
    load: (): Promise<StageModule> => import("./judge/judge.ts")
  },
  translate: {
    does: "an LLM translates each distinct label of the language once, in batches, into the language (FiNERweb-x)",
    reads: [stageFiles.annotate.annotations],
    writes: stageFiles.translate,
    config: `${stageFolder("translate")}/config.json`,
    prompt: `${stageFolder("translate")}/prompt.md`,
    external: ["llm"],
    packages: llmPackages,
    pinned: true,
    load: (): Promise<StageModule> => import("./translate/translate.ts")
  },
  export: {
    does: "cuts passages into sentence records `{id, text, char_spans}` with English and translated labels and writes " +
      "them as JSONL, GLiNER, CoNLL/IOB2 and parquet, with the statistics",
    reads: [
      stageFiles.annotate.annotations,
      stageFiles.annotate.manifest,
      stageFiles.translate.labels,
      stageFiles.translate.manifest,
      stageFiles.judge.summary,
      stageFiles.judge.judgements,
      stageFiles.judge.manifest
    ],
    writes: stageFiles.export,
    config: `${stageFolder("export")}/config.json`,
    prompt: null,
    external: [],
    packages: ["hyparquet-writer", "arquero"],
    pinned: true,
    load: (): Promise<StageModule> => import("./export/export.ts")
  },
  evaluate: {
    does: "runs the language's gold sentences through annotate's program, prompt, client, parser and alignment, maps " +
      "the labels to PER/LOC/ORG/DATE and scores them against the gold: P/R/F1 per type, span-only F1, unmapped share",
    reads: [],
    writes: stageFiles.evaluate,
    config: `${stageFolder("evaluate")}/config.json`,
    sharedConfig: `${stageFolder("annotate")}/config.json`,
    prompt: `${stageFolder("annotate")}/prompt.md`,
    external: ["llm", "gold"],
    packages: llmPackages,
    pinned: false,
    appliesTo: { when: "its language.json names a gold set", test: (language) => (language.gold ?? []).length > 0 },
    load: (): Promise<StageModule> => import("./evaluate/evaluate.ts")
  }
} as const satisfies Record<string, StageSpec>

export type StageName = keyof typeof stageTable

/** The stages in build order. */
export const stageNames = Object.keys(stageTable) as ReadonlyArray<StageName>

/** The stages whose outputs `datasets.lock` pins. */
export const pinnedStages = stageNames.filter((stage) => stageTable[stage].pinned)

/** The stages whose files a stage reads, in build order: what must run before it. */
export const upstreamStages = (stage: StageName): ReadonlyArray<StageName> =>
  stageNames.filter((other) => (stageTable[stage].reads as ReadonlyArray<StageFile>).some((file) => file.stage === other))

/** A file's name for one language. */
export const fileName = (file: StageFile, code: string) => file.name.replaceAll("{code}", code)
