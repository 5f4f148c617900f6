import { Effect, Schema } from "effect"
import { mergeRejections, type Rejections } from "#annotation"
import { type Language, type RateManifest, UsefulnessRating, usefulnessScale } from "#schema"
import type { LoadedLanguage } from "#workspace"
import { drawBySeed } from "../draw.ts"
import { readStageFile } from "../files.ts"
import { llmLayer } from "../llm/layer.ts"
import { renderPrompt } from "../llm/prompt.ts"
import { acceptParsed, chatRequest, Decoding, llmStage, llmStageSettings } from "../llm/stage.ts"
import { askEach, Unanswered } from "../llm/unanswered.ts"
import { writeStageOutput } from "../output.ts"
import { stageFiles, type StagePlan } from "../table.ts"
import { parseRatingAnswer, ratingFormat } from "./parse.ts"

/** `rate/config.json` */
export const RateConfig = Schema.Struct({
  ...Decoding,
  ...Unanswered,
  /** Passages rated per language, all of them when the language has fewer (the paper: 1,000). */
  perLanguage: Schema.Int.check(Schema.isGreaterThan(0)),
  seed: Schema.NonEmptyString
})

/** Ratings per score of the scale, every score present. */
export const histogram = (ratings: ReadonlyArray<{ readonly score: number }>): Record<string, number> => {
  const counts: Record<string, number> = {}
  for (let score = usefulnessScale.minimum; score <= usefulnessScale.maximum; score++) counts[score] = 0
  for (const rating of ratings) counts[rating.score] += 1
  return counts
}

/** The language's passages and the seeded sample of them that is rated. */
const ratedPassages = Effect.fnUntraced(function*(code: string, config: { readonly seed: string; readonly perLanguage: number }) {
  const passages = yield* readStageFile(stageFiles.sample.passages, code)
  return { passages, chosen: drawBySeed(passages, (passage) => passage.id, config.seed, config.perLanguage) }
})

const ratePrompt = (template: string, language: Language, text: string): string =>
  renderPrompt(template, { language: language.name, bcp47: language.bcp47, passage: text })

/**
 * Rates passages of one language through the LLM client (the configured endpoint, or the offline teacher) with
 * rate's prompt, configuration and parser, so that the answers are cached: the rate stage's sample, and any other
 * passages a caller rates the same way (train-scorer's FLORES passages). An answer the parser rejects is asked
 * again; one still rejected, or unanswered within `maxUnanswered`, is counted by reason.
 */
export const ratePassages = Effect.fn("ratePassages")(function*<P extends { readonly id: string; readonly text: string }>(
  language: Language,
  passages: ReadonlyArray<P>
) {
  const { config, template, ask, answerer, standIn, usage } = yield* llmStage("rate", RateConfig)
  const answers = yield* askEach(passages, (passage) =>
    Effect.gen(function*() {
      const answer = yield* ask(ratePrompt(template, language, passage.text), acceptParsed(parseRatingAnswer), ratingFormat)
      return { passage, rating: parseRatingAnswer(answer.content) }
    }), { stage: "rate", language: language.code, id: (passage) => passage.id, ...config })
  const rated: Array<{ readonly passage: P; readonly score: number; readonly justification: string }> = []
  const failures: Array<Rejections> = []
  for (const answer of answers) {
    if (answer === null) failures.push({ unanswered: 1 })
    else if (answer.rating.ok) rated.push({ passage: answer.passage, ...answer.rating.value })
    else failures.push({ [answer.rating.reason]: 1 })
  }
  return { rated, rejected: mergeRejections(...failures), answerer, standIn, usage }
})

/**
 * rate: the configured model rates a seeded sample of the language's passages for NER usefulness on the paper's
 * additive 1-4 scale, with a justification: the training data of the passage scorer (`finerweb train-scorer`).
 */
export const run = Effect.fn("rate")(function*(loaded: LoadedLanguage) {
  const { language } = loaded
  const { config } = yield* llmStageSettings("rate", RateConfig)
  const { passages, chosen } = yield* ratedPassages(language.code, config)
  const { rated, rejected, answerer, standIn, usage } = yield* ratePassages(language, chosen)
  const ratings = rated.map(({ passage, ...rating }) =>
    new UsefulnessRating({ id: passage.id, document: passage.document, text: passage.text, ...rating })
  )
  const used = yield* usage
  const manifest: RateManifest = {
    rater: answerer,
    standIn,
    seed: config.seed,
    passages: passages.length,
    sampled: chosen.length,
    rated: ratings.length,
    rejected,
    histogram: histogram(ratings),
    llm: used.manifest
  }

  yield* writeStageOutput("rate", loaded, { files: { ratings, manifest }, inputs: used.inputs, run: used.run })
  const spread = Object.entries(manifest.histogram).map(([score, n]) => `${score}: ${n}`).join(", ")
  yield* Effect.logInfo(
    `rate ${language.code}: ${ratings.length} of ${chosen.length} sampled passages rated (${spread}) by ${answerer}; ` +
      used.line
  )
  return manifest
})

/** A prompt per sampled passage. */
export const plan = Effect.fn("rate.plan")(function*({ language }: LoadedLanguage) {
  const { config, template } = yield* llmStageSettings("rate", RateConfig)
  const { chosen } = yield* ratedPassages(language.code, config)
  return {
    requests: chosen.map((passage) => chatRequest(config, ratePrompt(template, language, passage.text), ratingFormat))
  } satisfies StagePlan
})

export const layer = llmLayer
