import { Effect, Schema } from "effect"
import { toJson, toJsonl } from "#files"
import { toSentenceRecords } from "#formats"
import { AnnotatedPassage, type ExportRecord } from "#schema"
import type { LoadedLanguage } from "./shared/language.ts"
import { writeStageOutput } from "./shared/output.ts"
import { readUpstreamJson, readUpstreamRows } from "./shared/upstream.ts"

const TranslatedLabels = Schema.Struct({
  language: Schema.String,
  labels: Schema.Array(Schema.Struct({ label: Schema.String, translation: Schema.String, translated: Schema.Boolean }))
})

const JudgeManifest = Schema.Struct({
  judged: Schema.Int,
  meanFaithfulness: Schema.NullOr(Schema.Number),
  meanCompleteness: Schema.NullOr(Schema.Number)
})

/**
 * export: writes the language's sentence records `{id, text, char_spans}` (code point offsets, end exclusive) as
 * `<code>.jsonl`, both label sets (English and translated) and the statistics.
 */
export const exportDataset = Effect.fn("export")(function*({ language, digest }: LoadedLanguage) {
  const annotated = yield* readUpstreamRows(language.code, "annotate", "annotations.jsonl", AnnotatedPassage)
  const labels = yield* readUpstreamJson(language.code, "translate", "labels.json", TranslatedLabels)
  const judged = yield* readUpstreamJson(language.code, "judge", "manifest.json", JudgeManifest)

  const records: Array<ExportRecord> = []
  let droppedAcrossSentences = 0
  for (const passage of annotated) {
    const result = toSentenceRecords(passage, language.bcp47)
    records.push(...result.records)
    droppedAcrossSentences += result.droppedAcrossSentences
  }
  const perLabel: Record<string, number> = {}
  for (const record of records) for (const span of record.char_spans) perLabel[span.label] = (perLabel[span.label] ?? 0) + 1
  const stats = {
    language: language.code,
    name: language.name,
    passages: annotated.length,
    records: records.length,
    spans: Object.values(perLabel).reduce((a, b) => a + b, 0),
    droppedAcrossSentences,
    labels: Object.fromEntries(Object.entries(perLabel).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    judge: judged,
    offsets: "Unicode code points, end exclusive"
  }

  yield* writeStageOutput(language.code, "export", {
    inputs: { language: digest },
    files: {
      [`${language.code}.jsonl`]: toJsonl(records),
      "labels.json": toJson(labels),
      "stats.json": toJson(stats)
    }
  })
  yield* Effect.logInfo(
    `export ${language.code}: ${records.length} records, ${stats.spans} spans` +
      (droppedAcrossSentences > 0 ? `, ${droppedAcrossSentences} spans across sentence boundaries dropped` : "")
  )
  return stats
})
