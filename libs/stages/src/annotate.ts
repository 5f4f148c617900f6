import { Effect } from "effect"
import { alignMentions, mergeRejections, parseMentionList } from "#annotation"
import { loadConfig, loadPrompt, renderPrompt } from "#config"
import { sha256, toJsonl } from "#files"
import { LlmClient } from "#llm"
import { AnnotatedPassage, ScoredPassage } from "#schema"
import { LlmEndpoint } from "./shared/endpoint.ts"
import type { LoadedLanguage } from "./shared/language.ts"
import { writeStageOutput } from "./shared/output.ts"
import { packageVersions } from "./shared/packages.ts"
import { readUpstreamRows } from "./shared/upstream.ts"
import { llmInputs } from "./shared/llm.ts"

/**
 * annotate: asks the model for every named entity of each kept passage as `[("mention", "type"), ...]`, parses the
 * answer tolerantly and aligns each mention to code point offsets; every rejected answer or item is counted.
 */
export const annotate = Effect.fn("annotate")(function*({ language, digest }: LoadedLanguage) {
  const config = yield* loadConfig("annotate")
  const template = yield* loadPrompt("annotate")
  const llm = yield* LlmClient
  const endpoint = yield* LlmEndpoint
  const passages = yield* readUpstreamRows(language.code, "score", "passages.jsonl", ScoredPassage)

  const annotated = yield* Effect.forEach(passages, (passage) =>
    Effect.gen(function*() {
      const prompt = renderPrompt(template, { language: language.name, bcp47: language.bcp47, passage: passage.text })
      const answer = yield* llm.complete({
        messages: [{ role: "user", content: prompt }],
        temperature: config.temperature,
        maxTokens: config.maxTokens
      })
      const parsed = parseMentionList(answer.content, { finishReason: answer.finishReason, prompt })
      const aligned = alignMentions(passage.text, parsed.mentions)
      return new AnnotatedPassage({
        id: passage.id,
        document: passage.document,
        text: passage.text,
        mentions: aligned.spans,
        rejected: mergeRejections(parsed.rejected, aligned.rejected)
      })
    }), { concurrency: "unbounded" })

  const rejected = mergeRejections(...annotated.map((passage) => passage.rejected))
  const mentions = annotated.reduce((sum, passage) => sum + passage.mentions.length, 0)
  const labels = new Set(annotated.flatMap((passage) => passage.mentions.map((mention) => mention.label)))
  const manifest = {
    annotator: endpoint.standIn ? `${endpoint.model} (offline teacher: a rule-based stand-in, not an LLM)` : endpoint.model,
    passages: annotated.length,
    mentions,
    labels: labels.size,
    rejected
  }

  yield* writeStageOutput(language.code, "annotate", {
    inputs: {
      language: digest,
      config,
      prompt: sha256(template),
      llm: llmInputs(endpoint),
      packages: packageVersions(["openai"])
    },
    files: { "annotations.jsonl": toJsonl(annotated), "manifest.json": JSON.stringify(manifest, null, 2) + "\n" }
  })
  yield* Effect.logInfo(
    `annotate ${language.code}: ${mentions} mentions with ${labels.size} labels in ${annotated.length} passages ` +
      `by ${manifest.annotator}; rejected ${JSON.stringify(rejected)}`
  )
  return manifest
})
