import { Effect, Layer } from "effect"
import { AnnotatedPassage } from "#schema"
import { type LoadedLanguage, Workspace } from "#workspace"
import { AnnotateConfig } from "../annotate/config.ts"
import { annotatePassages, annotateQuestions, annotationCounts } from "../annotate/passage.ts"
import { readStageFile } from "../files.ts"
import { endpointLayer } from "../llm/layer.ts"
import { llmAsker, questionsPlan } from "../llm/stage.ts"
import { writeStageOutput } from "../output.ts"
import { stageFiles, type StagePlan, stageTable } from "../table.ts"
import { SecondAnnotatorConfig } from "./config.ts"

/** The second annotator, and annotate's decoding, `maxUnanswered` and prompt, which it shares. */
const secondAnnotatorSettings = Effect.fnUntraced(function*() {
  const workspace = yield* Workspace
  const spec = stageTable["annotate-second"]
  return {
    annotator: (yield* workspace.readConfig(spec.config, SecondAnnotatorConfig)).annotator,
    config: yield* workspace.readConfig(spec.sharedConfig, AnnotateConfig),
    template: yield* workspace.readText(spec.prompt)
  }
})

/**
 * annotate-second: the second annotator of FiNERweb (section 2.4) annotates the passages annotate will, with the same
 * prompt, decoding, parser and alignment, through its own client: a cached target of its own, so that changing one
 * annotator never asks the other again. annotate merges its mentions with the first annotator's. With no second
 * annotator configured it asks nothing and writes no passages.
 */
export const run = Effect.fn("annotate-second")(function*(loaded: LoadedLanguage) {
  const { language } = loaded
  const { annotator, config, template } = yield* secondAnnotatorSettings()
  if (annotator === null) {
    const manifest = { annotator: null, passages: 0, ...annotationCounts([]), llm: { requests: 0, promptTokens: 0, completionTokens: 0 } }
    yield* writeStageOutput("annotate-second", loaded, { files: { annotations: [], manifest } })
    yield* Effect.logInfo(`annotate-second ${language.code}: no second annotator configured, nothing asked`)
    return manifest
  }
  const passages = yield* readStageFile(stageFiles.score.passages, language.code)
  return yield* Effect.gen(function*() {
    const { answerer, usage, ...asker } = yield* llmAsker(config)
    const { annotations, transport } = yield* annotatePassages("annotate-second", asker, template, language, passages, config)
    const annotated = passages.map((passage, index) =>
      new AnnotatedPassage({ id: passage.id, document: passage.document, text: passage.text, ...annotations[index] })
    )
    const used = yield* usage
    const manifest = { annotator: answerer, passages: annotated.length, ...annotationCounts(annotations), llm: used.manifest }
    yield* writeStageOutput("annotate-second", loaded, {
      files: { annotations: annotated, manifest },
      inputs: used.inputs,
      run: { ...used.run, ...transport }
    })
    yield* Effect.logInfo(
      `annotate-second ${language.code}: ${manifest.mentions} mentions with ${manifest.labels} labels in ` +
        `${manifest.passages} passages by ${answerer}; rejected ${JSON.stringify(manifest.rejected)}; ${used.line}`
    )
    return manifest
  }).pipe(Effect.provide(endpointLayer(annotator.baseUrl, annotator.model)))
})

/** A prompt per kept passage for the second annotator's model, none without one. */
export const plan = Effect.fn("annotate-second.plan")(function*({ language }: LoadedLanguage) {
  const { annotator, config, template } = yield* secondAnnotatorSettings()
  const passages = annotator === null ? [] : yield* readStageFile(stageFiles.score.passages, language.code)
  return {
    ...questionsPlan(config, annotateQuestions(template, language, passages)),
    ...(annotator === null ? {} : { endpoint: annotator })
  } satisfies StagePlan
})

/** Its client is built by the program, from its own configuration, only when a second annotator is configured. */
export const layer = Layer.empty
