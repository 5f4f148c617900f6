import { Effect } from "effect"
import { mergeRejections } from "#annotation"
import { compare, seqscorePercent, UnknownFamily, UnknownGoldType } from "#evaluate"
import { goldSets, readGoldSet } from "#gold"
import type { EvaluatedSentence, EvaluatedSet, EvaluationError, GoldEntry, Language } from "#schema"
import { type LoadedLanguage, Workspace } from "#workspace"
import { AnnotateConfig } from "../annotate/config.ts"
import { annotatePassage, type PassageAnnotation } from "../annotate/passage.ts"
import { llmLayer } from "../llm/layer.ts"
import { llmStage } from "../llm/stage.ts"
import { drawBySeed } from "../draw.ts"
import { writeStageOutput } from "../output.ts"
import { stageTable } from "../table.ts"
import { EvaluateConfig } from "./config.ts"
import { goldFolder } from "./gold.ts"

/** A seeded, order-independent draw of `limit` items by the hash rank of their ids, kept in file order. */
export const draw = <A extends { readonly id: string }>(items: ReadonlyArray<A>, limit: number | null, seed: string) => {
  if (limit === null || items.length <= limit) return items
  const chosen = new Set(drawBySeed(items, (item) => item.id, seed, limit))
  return items.filter((item) => chosen.has(item))
}

/** One gold set through the annotator and the comparison: its scores, its sentences and its errors. */
const evaluateSet = Effect.fnUntraced(function*(
  entry: GoldEntry,
  annotateText: (text: string) => Effect.Effect<PassageAnnotation, unknown>,
  options: { readonly goldDir: string; readonly config: typeof EvaluateConfig.Type }
) {
  const { config } = options
  const gold = yield* readGoldSet({ dir: options.goldDir, set: entry.set, sha256: entry.sha256, repair: config.repair })
  const drawn = draw(gold.sentences, config.sentences, config.seed)
  const annotated = yield* Effect.forEach(drawn, (sentence) =>
    Effect.map(annotateText(sentence.text), (annotation) => ({ sentence, annotation })), { concurrency: "unbounded" })
  const { errors: { falsePositives, falseNegatives }, ...summary } = yield* Effect.try({
    try: () =>
      compare({
        family: goldSets[entry.set].family,
        sentences: annotated.map(({ sentence, annotation }) => ({
          id: sentence.id,
          text: sentence.text,
          gold: sentence.mentions,
          predicted: annotation.mentions
        }))
      }),
    catch: (error) => error as UnknownFamily | UnknownGoldType
  })
  const scores: EvaluatedSet = {
    set: entry.set,
    file: goldSets[entry.set].path,
    sha256: gold.sha256,
    sentences: drawn.length,
    of: gold.sentences.length,
    repaired: gold.repaired,
    ...summary
  }
  const sentences: Array<EvaluatedSentence> = annotated.map(({ annotation, sentence }) => ({
    set: entry.set,
    id: sentence.id,
    text: sentence.text,
    gold: sentence.mentions,
    predicted: annotation.mentions,
    rejected: annotation.rejected
  }))
  const errors: Array<EvaluationError> = [
    ...falsePositives.map((mention) => ({ set: entry.set, kind: "false-positive" as const, ...mention })),
    ...falseNegatives.map((mention) => ({ set: entry.set, kind: "false-negative" as const, ...mention }))
  ]
  return { scores, sentences, errors }
})

const goldOf = (language: Language): ReadonlyArray<GoldEntry> => language.gold ?? []

/**
 * evaluate: the language's gold sentences, each a passage of its own and none filtered by score, go through
 * annotate's program (prompt, decoding, LLM client, parser, alignment); the labels are mapped to core types and
 * scored against the gold, per set. Who annotated is named, the offline teacher always as a stand-in.
 */
export const run = Effect.fn("evaluate")(function*(loaded: LoadedLanguage) {
  const { language } = loaded
  const workspace = yield* Workspace
  const config = yield* workspace.readConfig(stageTable.evaluate.config, EvaluateConfig)
  const goldDir = yield* goldFolder()
  const { template, ask, answerer, standIn, promptDigest, usage } = yield* llmStage("annotate", AnnotateConfig)
  const annotateText = annotatePassage(ask, template, language)

  const evaluated = yield* Effect.forEach(goldOf(language), (entry) => evaluateSet(entry, annotateText, { goldDir, config }))
  const sets = evaluated.map(({ scores }) => scores)
  const sentences = evaluated.flatMap((set) => set.sentences)
  const errors = evaluated.flatMap((set) => set.errors)
  const used = yield* usage
  const rejected = mergeRejections(...sentences.map((sentence) => sentence.rejected))
  const scores = { language: language.code, annotator: answerer, standIn, prompt: promptDigest, sets }
  const manifest = { annotator: answerer, sets: sets.length, sentences: sentences.length, rejected, llm: used.manifest }
  yield* writeStageOutput("evaluate", loaded, { files: { scores, sentences, errors, manifest }, inputs: used.inputs, run: used.run })
  for (const set of sets) {
    yield* Effect.logInfo(
      `evaluate ${language.code} on ${set.set}: typed F1 ${seqscorePercent(100 * set.scores.overall.f1)} over ` +
        `${set.sentences} sentences by ${answerer}; unmapped labels on ${seqscorePercent(100 * set.unmapped.share)}% ` +
        `of predicted mentions; ${used.line}`
    )
  }
  return manifest
})

export const layer = llmLayer
