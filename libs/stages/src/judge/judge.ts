import { Effect, Schema } from "effect"
import { formatMentionList, mergeRejections, type Rejections } from "#annotation"
import { type AnnotatedPassage, Judgement, judgeScale, type JudgeSummary, type Language } from "#schema"
import type { LoadedLanguage } from "#workspace"
import { readStageFile } from "../files.ts"
import { llmLayer } from "../llm/layer.ts"
import { renderPrompt } from "../llm/prompt.ts"
import { acceptParsed, Decoding, llmStage, llmStageSettings, type Question, questionsPlan, Transport } from "../llm/stage.ts"
import { askEach, Unanswered } from "../llm/unanswered.ts"
import { drawBySeed } from "../draw.ts"
import { writeStageOutput } from "../output.ts"
import { stageFiles } from "../table.ts"
import { judgementFormat, parseJudgementAnswer } from "./parse.ts"

/** `judge/config.json` */
export const JudgeConfig = Schema.Struct({
  ...Decoding,
  ...Unanswered,
  ...Transport,
  /** Passages judged per language (the paper: 25). */
  sample: Schema.Int.check(Schema.isGreaterThan(0)),
  seed: Schema.NonEmptyString
})

const mean = (values: ReadonlyArray<number>) =>
  values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 1000) / 1000

/** The seeded sample of annotated passages the judge rates. */
const judgedPassages = Effect.fnUntraced(function*(code: string, config: { readonly seed: string; readonly sample: number }) {
  const annotated = yield* readStageFile(stageFiles.annotate.annotations, code)
  return drawBySeed(annotated, (passage) => passage.id, config.seed, config.sample)
})

/** The judge prompt for one annotated passage: its text and the annotations to rate. */
const judgePrompt = (template: string, language: Language, passage: AnnotatedPassage): string =>
  renderPrompt(template, {
    language: language.name,
    bcp47: language.bcp47,
    passage: passage.text,
    annotations: formatMentionList(passage.mentions.map(({ mention, label }) => ({ mention, label })))
  })

/** What the judge asks of one annotated passage; an answer its parser rejects is asked again. */
const judgeQuestion = (template: string, language: Language, passage: AnnotatedPassage) =>
  ({ prompt: judgePrompt(template, language, passage), accept: acceptParsed(parseJudgementAnswer), format: judgementFormat }) satisfies Question

/**
 * judge: a model rates a seeded sample of annotated passages for faithfulness and completeness on the declared 1-5
 * scale and lists missing, extra and wrong annotations (the paper judged 25 per language). The verdicts in numbers
 * go to `summary.json`, which export's statistics read; what the run cost goes to the manifest.
 */
export const run = Effect.fn("judge")(function*(loaded: LoadedLanguage) {
  const { language } = loaded
  const { config, template, ask, prefetch, answerer, standIn, promptDigest, usage } = yield* llmStage("judge", JudgeConfig)
  const chosen = yield* judgedPassages(language.code, config)
  const transport = yield* prefetch(config, chosen.map((passage) => judgeQuestion(template, language, passage)))

  const answers = yield* askEach(chosen, (passage) =>
    Effect.gen(function*() {
      const { prompt, accept, format } = judgeQuestion(template, language, passage)
      // The answer kept is counted by the same parser that judged it.
      const answer = yield* ask(prompt, accept, format)
      return { passage, verdict: parseJudgementAnswer(answer.content) }
    }), { stage: "judge", language: language.code, id: (passage) => passage.id, ...config })
  const judgements: Array<Judgement> = []
  const failures: Array<Rejections> = []
  for (const answer of answers) {
    if (answer === null) {
      failures.push({ unanswered: 1 })
      continue
    }
    const { passage, verdict } = answer
    if (verdict.ok) judgements.push(new Judgement({ id: passage.id, ...verdict.value }))
    else failures.push({ [verdict.reason]: 1 })
  }
  const summary: JudgeSummary = {
    judge: answerer,
    standIn,
    prompt: promptDigest,
    scale: judgeScale,
    sampled: chosen.length,
    judged: judgements.length,
    meanFaithfulness: mean(judgements.map((j) => j.faithfulness)),
    meanCompleteness: mean(judgements.map((j) => j.completeness))
  }
  const used = yield* usage
  const manifest = {
    judge: answerer,
    sampled: chosen.length,
    judged: judgements.length,
    rejected: mergeRejections(...failures),
    llm: used.manifest
  }

  yield* writeStageOutput("judge", loaded, { files: { judgements, summary, manifest }, inputs: used.inputs, run: { ...used.run, ...transport } })
  yield* Effect.logInfo(
    `judge ${language.code}: ${judgements.length} of ${chosen.length} judged, faithfulness ` +
      `${summary.meanFaithfulness ?? "-"}, completeness ${summary.meanCompleteness ?? "-"} ` +
      `(${judgeScale.minimum}-${judgeScale.maximum}) by ${answerer}; ${used.line}`
  )
  return summary
})

/** A prompt per sampled passage. */
export const plan = Effect.fn("judge.plan")(function*({ language }: LoadedLanguage) {
  const { config, template } = yield* llmStageSettings("judge", JudgeConfig)
  const chosen = yield* judgedPassages(language.code, config)
  return questionsPlan(config, chosen.map((passage) => judgeQuestion(template, language, passage)))
})

export const layer = llmLayer
