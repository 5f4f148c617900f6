import { Effect, Schema } from "effect"
import { mergeRejections } from "#annotation"
import { AnnotatedPassage } from "#schema"
import type { LoadedLanguage } from "#workspace"
import { readStageFile } from "../files.ts"
import { llmLayer } from "../llm/layer.ts"
import { Decoding, llmStage, llmStageSettings } from "../llm/stage.ts"
import { askEach, Unanswered } from "../llm/unanswered.ts"
import { writeStageOutput } from "../output.ts"
import { stageFiles, type StagePlan } from "../table.ts"
import { annotatePassage, annotatePrompt } from "./passage.ts"

/** `annotate/config.json` */
export const AnnotateConfig = Schema.Struct({ ...Decoding, ...Unanswered })

/**
 * annotate: asks the model for every named entity of each kept passage as `[("mention", "type"), ...]`, parses the
 * answer tolerantly and aligns each mention to code point offsets; every rejected answer or item is counted.
 */
export const run = Effect.fn("annotate")(function*(loaded: LoadedLanguage) {
  const { language } = loaded
  const { config, template, ask, answerer, usage } = yield* llmStage("annotate", AnnotateConfig)
  const passages = yield* readStageFile(stageFiles.score.passages, language.code)
  const annotateText = annotatePassage(ask, template, language)

  const answers = yield* askEach(passages, (passage) => annotateText(passage.text), {
    stage: "annotate",
    language: language.code,
    id: (passage) => passage.id,
    ...config
  })
  const annotated = passages.map((passage, index) => {
    const { mentions, rejected } = answers[index] ?? { mentions: [], rejected: { unanswered: 1 } }
    return new AnnotatedPassage({ id: passage.id, document: passage.document, text: passage.text, mentions, rejected })
  })

  const rejected = mergeRejections(...annotated.map((passage) => passage.rejected))
  const mentions = annotated.reduce((sum, passage) => sum + passage.mentions.length, 0)
  const labels = new Set(annotated.flatMap((passage) => passage.mentions.map((mention) => mention.label)))
  const used = yield* usage
  const manifest = { annotator: answerer, passages: annotated.length, mentions, labels: labels.size, rejected, llm: used.manifest }

  yield* writeStageOutput("annotate", loaded, {
    files: { annotations: annotated, manifest },
    inputs: used.inputs,
    run: used.run
  })
  yield* Effect.logInfo(
    `annotate ${language.code}: ${mentions} mentions with ${labels.size} labels in ${annotated.length} passages ` +
      `by ${answerer}; rejected ${JSON.stringify(rejected)}; ${used.line}`
  )
  return manifest
})

/** A prompt per kept passage. */
export const plan = Effect.fn("annotate.plan")(function*({ language }: LoadedLanguage) {
  const { config, template } = yield* llmStageSettings("annotate", AnnotateConfig)
  const passages = yield* readStageFile(stageFiles.score.passages, language.code)
  return { decoding: config, prompts: passages.map((passage) => annotatePrompt(template, language, passage.text)) } satisfies StagePlan
})

export const layer = llmLayer
