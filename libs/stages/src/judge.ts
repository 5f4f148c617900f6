import { Effect } from "effect"
import { formatMentionList, mergeRejections, parseJudgementAnswer } from "#annotation"
import { renderPrompt } from "#config"
import { sha256, toJson, toJsonl } from "#files"
import { AnnotatedPassage, Judgement } from "#schema"
import type { LoadedLanguage } from "./shared/language.ts"
import { llmStage } from "./shared/llm.ts"
import { writeStageOutput } from "./shared/output.ts"
import { readUpstreamRows } from "./shared/upstream.ts"

const mean = (values: ReadonlyArray<number>) =>
  values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 1000) / 1000

/**
 * judge: a model rates a seeded sample of annotated passages for faithfulness and completeness on a 1-5 scale and
 * lists missing, extra and wrong annotations (the paper judged 25 per language).
 */
export const judge = Effect.fn("judge")(function*({ language, digest }: LoadedLanguage) {
  const { config, template, ask, answerer, inputs, usage } = yield* llmStage("judge")
  const annotated = yield* readUpstreamRows(language.code, "annotate", "annotations.jsonl", AnnotatedPassage)
  const chosen = annotated
    .map((passage) => ({ passage, rank: sha256(`${config.seed}:${passage.id}`) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : 1))
    .slice(0, config.sample)
    .map(({ passage }) => passage)

  const answers = yield* Effect.forEach(chosen, (passage) =>
    Effect.gen(function*() {
      const prompt = renderPrompt(template, {
        language: language.name,
        bcp47: language.bcp47,
        passage: passage.text,
        annotations: formatMentionList(passage.mentions.map(({ mention, label }) => ({ mention, label })))
      })
      const answer = yield* ask(prompt)
      return { passage, verdict: parseJudgementAnswer(answer.content) }
    }), { concurrency: "unbounded" })
  const judgements: Array<Judgement> = []
  const failures = []
  for (const { passage, verdict } of answers) {
    if (verdict.ok) judgements.push(new Judgement({ id: passage.id, ...verdict.value }))
    else failures.push({ [verdict.reason]: 1 })
  }
  const rejected = mergeRejections(...failures)
  const manifest = {
    judge: answerer,
    scale: "1-5",
    sampled: chosen.length,
    judged: judgements.length,
    meanFaithfulness: mean(judgements.map((j) => j.faithfulness)),
    meanCompleteness: mean(judgements.map((j) => j.completeness)),
    rejected
  }

  yield* writeStageOutput(language.code, "judge", {
    inputs: inputs(digest),
    files: { "judgements.jsonl": toJsonl(judgements), "manifest.json": toJson(manifest) }
  })
  yield* Effect.logInfo(
    `judge ${language.code}: ${judgements.length} of ${chosen.length} judged, faithfulness ` +
      `${manifest.meanFaithfulness ?? "-"}, completeness ${manifest.meanCompleteness ?? "-"} (1-5) by ${manifest.judge}; ${yield* usage}`
  )
  return manifest
})
