import { Effect } from "effect"
import { parseLabelTranslations } from "#annotation"
import { renderPrompt } from "#config"
import { toJson } from "#files"
import { AnnotatedPassage } from "#schema"
import type { LoadedLanguage } from "./shared/language.ts"
import { llmStage } from "./shared/llm.ts"
import { writeStageOutput } from "./shared/output.ts"
import { readUpstreamRows } from "./shared/upstream.ts"

/**
 * translate: translates the language's label set into the language itself (FiNERweb-x). A label the model leaves
 * unchanged is kept in English and counted as untranslated, never guessed.
 */
export const translate = Effect.fn("translate")(function*({ language, digest }: LoadedLanguage) {
  const { template, ask, answerer, inputs, usage } = yield* llmStage("translate")
  const annotated = yield* readUpstreamRows(language.code, "annotate", "annotations.jsonl", AnnotatedPassage)
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
  const manifest = {
    translator: answerer,
    labels: labels.length,
    translated: rows.filter((row) => row.translated).length,
    untranslated: [...missing]
  }

  yield* writeStageOutput(language.code, "translate", {
    inputs: inputs(digest),
    files: {
      "labels.json": toJson({ language: language.code, labels: rows }),
      "manifest.json": toJson(manifest)
    }
  })
  yield* Effect.logInfo(
    `translate ${language.code}: ${manifest.translated} of ${labels.length} labels translated by ${manifest.translator}; ${yield* usage}`
  )
  return manifest
})
