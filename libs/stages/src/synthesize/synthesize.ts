import { Effect, Path, Result, Schema } from "effect"
import { checkConll, parseConll, writeConll } from "#bio"
import { sha256, toJson, writeFileAtomic } from "#files"
import { goldSets, readGoldSet } from "#gold"
import { Workspace } from "#workspace"
import { goldFolder } from "../evaluate/gold.ts"
import { llmLayer } from "../llm/layer.ts"
import { renderPrompt } from "../llm/prompt.ts"
import { Decoding, llmAsker } from "../llm/stage.ts"
import type { SynthesizeOptions } from "../synthesis.ts"
import { chooseExamples, exampleLines, examplePool } from "./examples.ts"
import { setLanguage } from "./language.ts"
import { type DataPoint, parseDataPoints, sumRejections } from "./parse.ts"

const folder = "libs/stages/src/synthesize"

/**
 * `synthesize/config.json`: the decoding parameters. Generation wants variety, so the temperature is above the
 * annotators' 0; the token limit holds n long sentences written as JSON.
 */
export const SynthesizeConfig = Schema.Struct(Decoding)

/** A gold set with fewer usable sentences than the examples each prompt shows. */
export class TooFewExamples extends Schema.TaggedError<TooFewExamples>()("TooFewExamples", {
  set: Schema.String,
  available: Schema.Int,
  wanted: Schema.Int
}) {
  override get message() {
    return `${this.set} has ${this.available} sentences usable as examples, fewer than the ${this.wanted} each prompt shows`
  }
}

/**
 * synthesize: few-shot generation after Kamath and Vajjala ("Does synthetic data help low-resource NER?"). Each of k
 * calls shows m gold sentences of the set, drawn by seeded hash rank, as `{"tokens", "tags"}` lines in BIO and asks
 * for n new ones; the answers are parsed tolerantly and every rejected answer or data point is counted by reason.
 * The usable points go to `synthetic.conll` (`token TAG`, checked with `#bio` before it is written) and the counts
 * to `report.json`.
 */
export const synthesize = Effect.fn("synthesize")(function*(options: SynthesizeOptions) {
  const workspace = yield* Workspace
  const path = yield* Path.Path
  const config = yield* workspace.readConfig(`${folder}/config.json`, SynthesizeConfig)
  const template = yield* workspace.readText(`${folder}/prompt.md`)
  const { ask, answerer, standIn, usage } = yield* llmAsker(config)

  const entry = goldSets[options.set]
  const language = yield* setLanguage(options.set, entry)
  const dir = options.goldDir ?? (yield* goldFolder())
  const gold = yield* readGoldSet({ dir, set: options.set, sha256: language.sha256, repair: "conlleval" })
  const types = [...new Set(gold.sentences.flatMap((sentence) => sentence.mentions.map((mention) => mention.type)))].sort()
  const pool = examplePool(gold.sentences, language.writing)
  if (pool.examples.length < options.examples) {
    return yield* new TooFewExamples({ set: options.set, available: pool.examples.length, wanted: options.examples })
  }

  const answers = yield* Effect.forEach(Array.from({ length: options.calls }, (_, call) => call), (call) =>
    Effect.gen(function*() {
      const examples = chooseExamples(pool.examples, options.seed, call, options.examples)
      const prompt = renderPrompt(template, {
        language: language.name,
        bcp47: language.bcp47,
        examples: String(examples.length),
        count: String(options.points),
        types: types.join(", "),
        lines: exampleLines(examples)
      })
      const answer = yield* ask(prompt)
      return parseDataPoints(answer.content, { finishReason: answer.finishReason, prompt, examples, types })
    }), { concurrency: "unbounded" })

  const points: ReadonlyArray<DataPoint> = answers.flatMap((answer) => answer.points)
  const rejected = sumRejections(answers.map((answer) => answer.rejected))
  const conll = writeConll(points)
  const conllFile = path.resolve(options.out, "synthetic.conll")
  // The file is read back as SeqScore would read it, so that what is written is valid BIO `token TAG` text.
  yield* Effect.fromResult(
    Result.flatMap(parseConll(conll, conllFile), (sentences) => checkConll(sentences, conllFile, "BIO", null))
  )

  const requested = options.points * options.calls
  const used = yield* usage
  const report = {
    set: options.set,
    language: { code: language.code, name: language.name, bcp47: language.bcp47 },
    annotator: answerer,
    standIn,
    examples: options.examples,
    points: options.points,
    calls: options.calls,
    seed: options.seed,
    requested,
    usable: points.length,
    usableRate: Math.round((points.length / requested) * 10_000) / 10_000,
    rejected,
    types,
    gold: {
      path: entry?.path,
      source: entry?.source,
      sha256: gold.sha256,
      sentences: gold.sentences.length,
      repaired: gold.repaired,
      usableAsExamples: pool.examples.length,
      offBoundaryMentions: pool.offBoundaryMentions
    },
    prompt: sha256(template),
    decoding: config,
    llm: used.manifest
  }
  yield* writeFileAtomic(conllFile, conll)
  yield* writeFileAtomic(path.resolve(options.out, "report.json"), toJson(report))
  yield* Effect.logInfo(
    `synthesize ${options.set}: ${points.length} of ${requested} data points usable (${(report.usableRate * 100).toFixed(1)}%) ` +
      `from ${options.calls} calls of ${options.examples} examples by ${answerer}; rejected ${JSON.stringify(rejected)}; ` +
      `${pool.offBoundaryMentions} gold mentions off word boundaries; ${used.line}; wrote ${options.out}`
  )
  return report
})

export const layer = llmLayer
