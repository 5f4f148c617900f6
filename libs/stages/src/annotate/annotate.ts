import { Effect, Schema } from "effect"
import { addMergeCounts, mergeMentions, mergeRejections, noMergeCounts } from "#annotation"
import { distinctProducers } from "#llm"
import { AnnotatedPassage, type LlmUsage } from "#schema"
import type { LoadedLanguage } from "#workspace"
import { readStageFile } from "../files.ts"
import { endpointLayer, llmLayer } from "../llm/layer.ts"
import { chatRequest, Decoding, llmAsker, llmStage, llmStageSettings, Transport } from "../llm/stage.ts"
import { askEach, Unanswered } from "../llm/unanswered.ts"
import { writeStageOutput } from "../output.ts"
import { stageFiles, type StagePlan } from "../table.ts"
import { annotatePassage, annotateQuestion, type PassageAnnotation } from "./passage.ts"

/** `annotate/config.json` */
export const AnnotateConfig = Schema.Struct({
  ...Decoding,
  ...Unanswered,
  ...Transport,
  /**
   * A second model whose mentions are merged with the first's (FiNERweb, section 2.4; see `mergeMentions`): the
   * server's base URL (the key from the same variable as the first's) and the model it serves.
   */
  secondAnnotator: Schema.optionalKey(Schema.Struct({ baseUrl: Schema.NonEmptyString, model: Schema.NonEmptyString }))
})

const unansweredPassage: PassageAnnotation = { mentions: [], rejected: { unanswered: 1 } }

/**
 * annotate: asks the model for every named entity of each kept passage as `[("mention", "type"), ...]`, parses the
 * answer tolerantly and aligns each mention to code point offsets; every rejected answer or item is counted. With a
 * `secondAnnotator`, a second model annotates the same passages through its own client and response cache, and each
 * passage keeps the merge of the two (agreements, merges and conflicts counted in the manifest).
 */
export const run = Effect.fn("annotate")(function*(loaded: LoadedLanguage) {
  const { language } = loaded
  const { config, template, ask, prefetch, answerer, usage } = yield* llmStage("annotate", AnnotateConfig)
  const passages = yield* readStageFile(stageFiles.score.passages, language.code)
  const questions = passages.map((passage) => annotateQuestion(template, language, passage.text))
  const annotateAll = (asking: typeof ask) =>
    Effect.map(
      askEach(passages, (passage) => annotatePassage(asking, template, language)(passage.text), {
        stage: "annotate",
        language: language.code,
        id: (passage) => passage.id,
        ...config
      }),
      (answers) => answers.map((answer) => answer ?? unansweredPassage)
    )

  const transport = yield* prefetch(config, questions)
  const first = yield* annotateAll(ask)
  const second = config.secondAnnotator === undefined ? null : yield* Effect.gen(function*() {
    const asker = yield* llmAsker(config)
    const transport = yield* asker.prefetch(config, questions)
    const annotations = yield* annotateAll(asker.ask)
    return { annotations, answerer: asker.answerer, used: yield* asker.usage, transport }
  }).pipe(Effect.provide(endpointLayer(config.secondAnnotator.baseUrl, config.secondAnnotator.model)))

  const merged = second === null
    ? null
    : passages.map((_, index) => mergeMentions(first[index].mentions, second.annotations[index].mentions))
  const merge = merged?.reduce((counts, passage) => addMergeCounts(counts, passage.counts), noMergeCounts) ?? null
  const annotated = passages.map((passage, index) =>
    new AnnotatedPassage({
      id: passage.id,
      document: passage.document,
      text: passage.text,
      mentions: merged?.[index].mentions ?? first[index].mentions,
      rejected: second === null
        ? first[index].rejected
        : mergeRejections(first[index].rejected, second.annotations[index].rejected)
    })
  )

  const rejected = mergeRejections(...annotated.map((passage) => passage.rejected))
  const mentions = annotated.reduce((sum, passage) => sum + passage.mentions.length, 0)
  const labels = new Set(annotated.flatMap((passage) => passage.mentions.map((mention) => mention.label)))
  const used = yield* usage
  const manifest = {
    annotator: answerer,
    ...(second === null || merge === null ? {} : { secondAnnotator: second.answerer, merge }),
    passages: annotated.length,
    mentions,
    labels: labels.size,
    rejected,
    llm: second === null ? used.manifest : addUsage(used.manifest, second.used.manifest)
  }

  yield* writeStageOutput("annotate", loaded, {
    files: { annotations: annotated, manifest },
    inputs: second === null ? used.inputs : {
      ...used.inputs,
      secondLlm: second.used.inputs.llm,
      producers: distinctProducers([...used.inputs.producers, ...second.used.inputs.producers])
    },
    run: second === null
      ? { ...used.run, ...transport }
      : { ...used.run, ...transport, second: { ...second.used.run, ...second.transport } }
  })
  yield* Effect.logInfo(
    `annotate ${language.code}: ${mentions} mentions with ${labels.size} labels in ${annotated.length} passages ` +
      `by ${answerer}${second === null ? "" : ` merged with ${second.answerer} (${JSON.stringify(merge)})`}; ` +
      `rejected ${JSON.stringify(rejected)}; ${used.line}${second === null ? "" : `; second: ${second.used.line}`}`
  )
  return manifest
})

const addUsage = (a: LlmUsage, b: LlmUsage): LlmUsage => ({
  requests: a.requests + b.requests,
  promptTokens: a.promptTokens + b.promptTokens,
  completionTokens: a.completionTokens + b.completionTokens
})

/** A prompt per kept passage. */
export const plan = Effect.fn("annotate.plan")(function*({ language }: LoadedLanguage) {
  const { config, template } = yield* llmStageSettings("annotate", AnnotateConfig)
  const passages = yield* readStageFile(stageFiles.score.passages, language.code)
  return {
    requests: passages.map((passage) => {
      const { prompt, format } = annotateQuestion(template, language, passage.text)
      return chatRequest(config, prompt, format)
    })
  } satisfies StagePlan
})

export const layer = llmLayer
