import { Effect, Schema } from "effect"
import type { LoadedLanguage } from "#workspace"
import { readStageFile } from "../files.ts"
import { llmLayer } from "../llm/layer.ts"
import { renderPrompt } from "../llm/prompt.ts"
import { Decoding, llmStage } from "../llm/stage.ts"
import { writeStageOutput } from "../output.ts"
import { stageFiles } from "../table.ts"
import { parseLabelTranslations } from "./parse.ts"

/** `translate/config.json` */
export const TranslateConfig = Schema.Struct(Decoding)

/**
 * translate: translates the language's label set into the language itself (FiNERweb-x). A label the model leaves
 * unchanged is kept in English and counted as untranslated, never guessed.
 */
export const run = Effect.fn("translate")(function*(loaded: LoadedLanguage) {
  const { language } = loaded
  const { template, ask, answerer, promptDigest, inputs, usage } = yield* llmStage("translate", TranslateConfig)
  const annotated = yield* readStageFile(stageFiles.annotate.annotations, language.code)
  const labels = [...new Set(annotated.flatMap((passage) => passage.mentions.map((mention) => mention.label)))].sort()

  // English labels need no translation, and an empty label set needs no request.
  const needsModel = labels.length > 0 && language.iso639_3 !== "eng"
  const { translations, untranslated } = needsModel
    ? parseLabelTranslations(
      (yield* ask(
        renderPrompt(template, { language: language.name, bcp47: language.bcp47, labels: JSON.stringify(labels) })
      )).content,
      labels
    )
    : { translations: Object.fromEntries(labels.map((label) => [label, label])), untranslated: [] as ReadonlyArray<string> }
  const missing = new Set(untranslated)
  const rows = labels.map((label) => ({ label, translation: translations[label] ?? label, translated: !missing.has(label) }))
  const used = yield* usage
  const manifest = {
    translator: answerer,
    labels: labels.length,
    translated: rows.filter((row) => row.translated).length,
    untranslated: [...missing],
    llm: used.manifest
  }

  yield* writeStageOutput("translate", loaded, {
    files: { labels: { language: language.code, translator: answerer, prompt: promptDigest, labels: rows }, manifest },
    inputs,
    run: used.run
  })
  yield* Effect.logInfo(
    `translate ${language.code}: ${manifest.translated} of ${labels.length} labels translated by ${answerer}; ${used.line}`
  )
  return manifest
})

export const layer = llmLayer
