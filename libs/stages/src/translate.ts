import { Effect } from "effect"
import { parseLabelTranslations } from "#annotation"
import { loadConfig, loadPrompt, renderPrompt } from "#config"
import { sha256 } from "#files"
import { LlmClient } from "#llm"
import { AnnotatedPassage } from "#schema"
import { LlmEndpoint } from "./shared/endpoint.ts"
import type { LoadedLanguage } from "./shared/language.ts"
import { llmInputs } from "./shared/llm.ts"
import { writeStageOutput } from "./shared/output.ts"
import { packageVersions } from "./shared/packages.ts"
import { readUpstreamRows } from "./shared/upstream.ts"

/**
 * translate: translates the language's label set into the language itself (FiNERweb-x). A label the model leaves
 * unchanged is kept in English and counted as untranslated, never guessed.
 */
export const translate = Effect.fn("translate")(function*({ language, digest }: LoadedLanguage) {
  const config = yield* loadConfig("translate")
  const template = yield* loadPrompt("translate")
  const llm = yield* LlmClient
  const endpoint = yield* LlmEndpoint
  const annotated = yield* readUpstreamRows(language.code, "annotate", "annotations.jsonl", AnnotatedPassage)
  const labels = [...new Set(annotated.flatMap((passage) => passage.mentions.map((mention) => mention.label)))].sort()

  // English labels need no translation, and an empty label set needs no request.
  const needsModel = labels.length > 0 && language.iso639_3 !== "eng"
  const { translations, untranslated } = needsModel
    ? parseLabelTranslations(
      (yield* llm.complete({
        messages: [{
          role: "user",
          content: renderPrompt(template, { language: language.name, bcp47: language.bcp47, labels: JSON.stringify(labels) })
        }],
        temperature: config.temperature,
        maxTokens: config.maxTokens
      })).content,
      labels
    )
    : { translations: Object.fromEntries(labels.map((label) => [label, label])), untranslated: [] as ReadonlyArray<string> }
  const missing = new Set(untranslated)
  const rows = labels.map((label) => ({ label, translation: translations[label] ?? label, translated: !missing.has(label) }))
  const manifest = {
    translator: endpoint.standIn ? `${endpoint.model} (offline teacher: a rule-based stand-in, not an LLM)` : endpoint.model,
    labels: labels.length,
    translated: rows.filter((row) => row.translated).length,
    untranslated: [...missing]
  }

  yield* writeStageOutput(language.code, "translate", {
    inputs: {
      language: digest,
      config,
      prompt: sha256(template),
      llm: llmInputs(endpoint),
      packages: packageVersions(["openai"])
    },
    files: {
      "labels.json": JSON.stringify({ language: language.code, labels: rows }, null, 2) + "\n",
      "manifest.json": JSON.stringify(manifest, null, 2) + "\n"
    }
  })
  yield* Effect.logInfo(
    `translate ${language.code}: ${manifest.translated} of ${labels.length} labels translated by ${manifest.translator}`
  )
  return manifest
})
