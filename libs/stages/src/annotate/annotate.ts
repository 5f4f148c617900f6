import { Effect, Schema } from "effect"
import { addMergeCounts, mergeMentions, mergeRejections, noMergeCounts } from "#annotation"
import { AnnotatedPassage } from "#schema"
import type { LoadedLanguage } from "#workspace"
import { readStageFile } from "../files.ts"
import { llmLayer } from "../llm/layer.ts"
import { llmStage, llmStageSettings, questionsPlan } from "../llm/stage.ts"
import { writeStageOutput } from "../output.ts"
import { stageFiles } from "../table.ts"
import { AnnotateConfig } from "./config.ts"
import { annotatePassages, annotateQuestions, annotationCounts } from "./passage.ts"

/** annotate-second's passages are not the ones annotate is given: its output is older than score's. */
export class StaleSecondAnnotation extends Schema.TaggedError<StaleSecondAnnotation>()("StaleSecondAnnotation", {
  language: Schema.String,
  passages: Schema.Int,
  annotated: Schema.Int
}) {
  override get message() {
    return `annotate ${this.language}: annotate-second's output holds other passages (${this.annotated}) than score kept ` +
      `(${this.passages}); run annotate-second ${this.language} again`
  }
}

/**
 * annotate: asks the model for every named entity of each kept passage as `[("mention", "type"), ...]`, parses the
 * answer tolerantly and aligns each mention to code point offsets; every rejected answer or item is counted. Where
 * annotate-second ran a second annotator on the same passages, each passage keeps the merge of the two (FiNERweb,
 * section 2.4; see `mergeMentions`), with agreements, merges and conflicts counted in the manifest.
 */
export const run = Effect.fn("annotate")(function*(loaded: LoadedLanguage) {
  const { language } = loaded
  const { config, template, answerer, usage, ...asker } = yield* llmStage("annotate", AnnotateConfig)
  const passages = yield* readStageFile(stageFiles.score.passages, language.code)
  const secondManifest = yield* readStageFile(stageFiles["annotate-second"].manifest, language.code)
  const second = secondManifest.annotator === null
    ? null
    : yield* readStageFile(stageFiles["annotate-second"].annotations, language.code)
  if (second !== null && second.map((passage) => passage.id).join("\n") !== passages.map((passage) => passage.id).join("\n")) {
    return yield* new StaleSecondAnnotation({ language: language.code, passages: passages.length, annotated: second.length })
  }
  const { annotations: first, transport } = yield* annotatePassages("annotate", asker, template, language, passages, config)
  const merged = second === null
    ? null
    : passages.map((_, index) => mergeMentions(first[index].mentions, second[index].mentions))
  const annotated = passages.map((passage, index) =>
    new AnnotatedPassage({
      id: passage.id,
      document: passage.document,
      text: passage.text,
      mentions: merged?.[index].mentions ?? first[index].mentions,
      rejected: second === null ? first[index].rejected : mergeRejections(first[index].rejected, second[index].rejected)
    })
  )
  const merge = merged?.reduce((counts, passage) => addMergeCounts(counts, passage.counts), noMergeCounts) ?? null

  const used = yield* usage
  const counts = annotationCounts(annotated)
  const manifest = {
    annotator: answerer,
    ...(secondManifest.annotator === null || merge === null ? {} : { secondAnnotator: secondManifest.annotator, merge }),
    passages: annotated.length,
    ...counts,
    llm: used.manifest
  }
  yield* writeStageOutput("annotate", loaded, {
    files: { annotations: annotated, manifest },
    inputs: used.inputs,
    run: { ...used.run, ...transport }
  })
  yield* Effect.logInfo(
    `annotate ${language.code}: ${counts.mentions} mentions with ${counts.labels} labels in ${annotated.length} ` +
      `passages by ${answerer}${merge === null ? "" : ` merged with ${secondManifest.annotator} (${JSON.stringify(merge)})`}; ` +
      `rejected ${JSON.stringify(counts.rejected)}; ${used.line}`
  )
  return manifest
})

/** A prompt per kept passage. */
export const plan = Effect.fn("annotate.plan")(function*({ language }: LoadedLanguage) {
  const { config, template } = yield* llmStageSettings("annotate", AnnotateConfig)
  const passages = yield* readStageFile(stageFiles.score.passages, language.code)
  return questionsPlan(config, annotateQuestions(template, language, passages))
})

export const layer = llmLayer
