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
const histogram = (ratings: ReadonlyArray<UsefulnessRating>): Record<string, number> => {
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
 * rate: the configured model rates a seeded sample of the language's passages for NER usefulness on the paper's
 * additive 1-4 scale, with a justification: the training data of the passage scorer (`finerweb train-scorer`).
 */
export const run = Effect.fn("rate")(function*(loaded: LoadedLanguage) {
  const { language } = loaded
  const { config, template, ask, answerer, standIn, usage } = yield* llmStage("rate", RateConfig)
  const { passages, chosen } = yield* ratedPassages(language.code, config)

  const answers = yield* askEach(chosen, (passage) =>
    Effect.gen(function*() {
      const prompt = ratePrompt(template, language, passage.text)
      // An answer the parser rejects is asked again; the one kept is counted by the same parser.
      const answer = yield* ask(prompt, acceptParsed(parseRatingAnswer), ratingFormat)
      return { passage, rating: parseRatingAnswer(answer.content) }
    }), { stage: "rate", language: language.code, id: (passage) => passage.id, ...config })
  const ratings: Array<UsefulnessRating> = []
  const failures: Array<Rejections> = []
  for (const answer of answers) {
    if (answer === null) {
      failures.push({ unanswered: 1 })
      continue
    }
    const { passage, rating } = answer
    if (rating.ok) {
      ratings.push(new UsefulnessRating({ id: passage.id, document: passage.document, text: passage.text, ...rating.value }))
    } else failures.push({ [rating.reason]: 1 })
  }
  const used = yield* usage
  const manifest: RateManifest = {
    rater: answerer,
    standIn,
    seed: config.seed,
    passages: passages.length,
    sampled: chosen.length,
    rated: ratings.length,
    rejected: mergeRejections(...failures),
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
