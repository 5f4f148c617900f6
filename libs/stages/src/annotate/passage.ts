import { Effect, Option } from "effect"
import { alignMentions, mergeRejections, type Rejections } from "#annotation"
import type { Accept, AnswerFormat, ChatAnswer, LlmError } from "#llm"
import type { Language, Mention, ScoredPassage } from "#schema"
import { renderPrompt } from "../llm/prompt.ts"
import type { LlmAsker, Question } from "../llm/stage.ts"
import { askEach } from "../llm/unanswered.ts"
import { mentionListFormat, parseMentionList, unusableMentionList } from "./parse.ts"

/** What the annotator made of one passage: its aligned mentions and every answer or item not used, by reason. */
export interface PassageAnnotation {
  readonly mentions: ReadonlyArray<Mention>
  readonly rejected: Rejections
}

/** The annotate prompt for one passage of the language. */
export const annotatePrompt = (template: string, language: Language, text: string): string =>
  renderPrompt(template, { language: language.name, bcp47: language.bcp47, passage: text })

/**
 * What annotate asks of one passage: its prompt, the verdict that asks again on an answer with no list at all (the
 * one kept is parsed and counted all the same), and the answer's format.
 */
export const annotateQuestion = (template: string, language: Language, text: string) => {
  const prompt = annotatePrompt(template, language, text)
  const accept: Accept = (content) => Option.fromNullishOr(unusableMentionList(content, prompt))
  return { prompt, accept, format: mentionListFormat } satisfies Question
}

/**
 * One passage through the annotator: the prompt rendered for the language, the model's answer, the tolerant parser
 * and the alignment to code point offsets. annotate runs it on the dataset's passages and evaluate on gold
 * sentences, so that what evaluate measures is what annotate does.
 */
export const annotatePassage = (
  ask: (prompt: string, accept: Accept, format: AnswerFormat) => Effect.Effect<ChatAnswer, LlmError>,
  template: string,
  language: Language
) =>
  Effect.fnUntraced(function*(text: string) {
    const { prompt, accept, format } = annotateQuestion(template, language, text)
    const answer = yield* ask(prompt, accept, format)
    const parsed = parseMentionList(answer.content, { finishReason: answer.finishReason, prompt })
    const aligned = alignMentions(text, parsed.mentions, { words: language.words })
    return { mentions: aligned.spans, rejected: mergeRejections(parsed.rejected, aligned.rejected) } satisfies PassageAnnotation
  })

/** A passage whose request went unanswered, where the stage's `maxUnanswered` lets it complete. */
const unansweredPassage: PassageAnnotation = { mentions: [], rejected: { unanswered: 1 } }

/** What the annotator asks of each passage (`annotateQuestion`), in order: what batch mode prefetches and `plan` prices. */
export const annotateQuestions = (template: string, language: Language, passages: ReadonlyArray<ScoredPassage>) =>
  passages.map((passage) => annotateQuestion(template, language, passage.text))

/**
 * Every passage of a stage through the annotator (`annotatePassage`), prefetched in batch mode, then asked to the end:
 * annotate runs it with the first annotator and annotate-second with the second, so both annotate alike. Also what
 * the fragment's `run` records of the transport.
 */
export const annotatePassages = Effect.fnUntraced(function*(
  stage: string,
  asker: Pick<LlmAsker, "ask" | "prefetch">,
  template: string,
  language: Language,
  passages: ReadonlyArray<ScoredPassage>,
  config: { readonly maxUnanswered?: number; readonly transport?: "online" | "batch" }
) {
  const transport = yield* asker.prefetch(config, annotateQuestions(template, language, passages))
  const answers = yield* askEach(passages, (passage) => annotatePassage(asker.ask, template, language)(passage.text), {
    stage,
    language: language.code,
    id: (passage) => passage.id,
    ...config
  })
  return { annotations: answers.map((answer) => answer ?? unansweredPassage), transport }
})

/** What a manifest says of a set of annotated passages: mentions, distinct labels, and rejections by reason. */
export const annotationCounts = (annotated: ReadonlyArray<PassageAnnotation>) => ({
  mentions: annotated.reduce((sum, passage) => sum + passage.mentions.length, 0),
  labels: new Set(annotated.flatMap((passage) => passage.mentions.map((mention) => mention.label))).size,
  rejected: mergeRejections(...annotated.map((passage) => passage.rejected))
})
