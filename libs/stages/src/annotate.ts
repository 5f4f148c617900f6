import { Effect } from "effect"
import { alignMentions, mergeRejections, parseMentionList } from "#annotation"
import { renderPrompt } from "#config"
import { toJson, toJsonl } from "#files"
import { AnnotatedPassage, ScoredPassage } from "#schema"
import type { LoadedLanguage } from "./shared/language.ts"
import { llmStage } from "./shared/llm.ts"
import { writeStageOutput } from "./shared/output.ts"
import { readUpstreamRows } from "./shared/upstream.ts"

/**
 * annotate: asks the model for every named entity of each kept passage as `[("mention", "type"), ...]`, parses the
 * answer tolerantly and aligns each mention to code point offsets; every rejected answer or item is counted.
 */
export const annotate = Effect.fn("annotate")(function*({ language, digest }: LoadedLanguage) {
  const { template, ask, answerer, inputs, usage } = yield* llmStage("annotate")
  const passages = yield* readUpstreamRows(language.code, "score", "passages.jsonl", ScoredPassage)

  const annotated = yield* Effect.forEach(passages, (passage) =>
    Effect.gen(function*() {
      const prompt = renderPrompt(template, { language: language.name, bcp47: language.bcp47, passage: passage.text })
      const answer = yield* ask(prompt)
      const parsed = parseMentionList(answer.content, { finishReason: answer.finishReason, prompt })
      const aligned = alignMentions(passage.text, parsed.mentions, { words: language.words })
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
    annotator: answerer,
    passages: annotated.length,
    mentions,
    labels: labels.size,
    rejected
  }

  yield* writeStageOutput(language.code, "annotate", {
    inputs: inputs(digest),
    files: { "annotations.jsonl": toJsonl(annotated), "manifest.json": toJson(manifest) }
  })
  yield* Effect.logInfo(
    `annotate ${language.code}: ${mentions} mentions with ${labels.size} labels in ${annotated.length} passages ` +
      `by ${manifest.annotator}; rejected ${JSON.stringify(rejected)}; ${yield* usage}`
  )
  return manifest
})
