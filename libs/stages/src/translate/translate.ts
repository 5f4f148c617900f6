import { Array as Arr, Effect, Option, Schema } from "effect"
import type { Language } from "#schema"
import type { LoadedLanguage } from "#workspace"
import { readStageFile } from "../files.ts"
import { llmLayer } from "../llm/layer.ts"
import { renderPrompt } from "../llm/prompt.ts"
import { chatRequest, Decoding, llmStage, llmStageSettings } from "../llm/stage.ts"
import { writeStageOutput } from "../output.ts"
import { stageFiles, type StagePlan } from "../table.ts"
import { labelTranslationsFormat, type LabelTranslations, parseLabelTranslations } from "./parse.ts"

/** `translate/config.json` */
export const TranslateConfig = Schema.Struct({
  ...Decoding,
  /** Labels asked per request; a long label set in one answer risks a cut or a skipped label. */
  batchSize: Schema.Int.check(Schema.isGreaterThan(0))
})

/** Every label of a batch untranslated: what a batch whose request failed leaves. */
const unanswered = (labels: ReadonlyArray<string>): LabelTranslations => ({
  answered: false,
  translations: Object.fromEntries(labels.map((label) => [label, label])),
  untranslated: labels
})

/** The language's distinct labels, sorted (code units), and the batches they are asked in. */
const labelBatches = Effect.fnUntraced(function*(language: Language, batchSize: number) {
  const annotated = yield* readStageFile(stageFiles.annotate.annotations, language.code)
  const labels = [...new Set(annotated.flatMap((passage) => passage.mentions.map((mention) => mention.label)))].sort()
  // English labels need no translation, and an empty label set needs no request.
  const batches = labels.length > 0 && language.iso639_3 !== "eng" ? Arr.chunksOf(labels, batchSize) : []
  return { labels, batches }
})

const translatePrompt = (template: string, language: Language, batch: ReadonlyArray<string>): string =>
  renderPrompt(template, { language: language.name, bcp47: language.bcp47, labels: JSON.stringify(batch) })

/**
 * translate: translates the language's label set into the language itself (FiNERweb-x), each distinct label once:
 * the labels sorted (code units) and asked in consecutive batches of `batchSize`, through the LLM client and its
 * response cache. A label the model leaves out or unchanged is kept in English and counted as untranslated, never
 * guessed; a batch whose request fails (an HTTP error or an unusable completion) or whose answer holds no object
 * leaves only its own labels untranslated. An unreachable endpoint still fails the stage: that is no answer to judge.
 */
export const run = Effect.fn("translate")(function*(loaded: LoadedLanguage) {
  const { language } = loaded
  const { config, template, ask, answerer, promptDigest, usage } = yield* llmStage("translate", TranslateConfig)
  const { labels, batches } = yield* labelBatches(language, config.batchSize)
  const answers = yield* Effect.forEach(batches, (batch) =>
    // An answer that holds no object is asked again; one that misses labels is not (they stay untranslated).
    ask(
      translatePrompt(template, language, batch),
      (content) => parseLabelTranslations(content, batch).answered ? Option.none() : Option.some("malformed"),
      labelTranslationsFormat(batch)
    ).pipe(
      Effect.map((answer) => parseLabelTranslations(answer.content, batch)),
      Effect.catchTag(["LlmHttpError", "LlmBadAnswer"], (error) =>
        Effect.as(
          Effect.logWarning(
            `translate ${language.code}: the batch "${batch[0]}" to "${batch[batch.length - 1]}" ` +
              `(${batch.length} labels) is left untranslated: ${error.message}`
          ),
          unanswered(batch)
        ))
    ), { concurrency: "unbounded" })
  const missing = new Set(answers.flatMap((answer) => answer.untranslated))
  const translations: Record<string, string> = Object.assign({}, ...answers.map((answer) => answer.translations))
  const rows = labels.map((label) => ({ label, translation: translations[label] ?? label, translated: !missing.has(label) }))
  const used = yield* usage
  const manifest = {
    translator: answerer,
    labels: labels.length,
    translated: rows.filter((row) => row.translated).length,
    untranslated: rows.filter((row) => !row.translated).map((row) => row.label),
    batches: batches.length,
    failedBatches: answers.filter((answer) => !answer.answered).length,
    llm: used.manifest
  }

  yield* writeStageOutput("translate", loaded, {
    files: { labels: { language: language.code, translator: answerer, prompt: promptDigest, labels: rows }, manifest },
    inputs: used.inputs,
    run: used.run
  })
  yield* Effect.logInfo(
    `translate ${language.code}: ${manifest.translated} of ${labels.length} labels translated by ${answerer} in ` +
      `${batches.length} batches (${manifest.failedBatches} failed); ${used.line}`
  )
  return manifest
})

/** A prompt per batch of labels. */
export const plan = Effect.fn("translate.plan")(function*({ language }: LoadedLanguage) {
  const { config, template } = yield* llmStageSettings("translate", TranslateConfig)
  const { batches } = yield* labelBatches(language, config.batchSize)
  return {
    requests: batches.map((batch) => chatRequest(config, translatePrompt(template, language, batch), labelTranslationsFormat(batch)))
  } satisfies StagePlan
})

export const layer = llmLayer
