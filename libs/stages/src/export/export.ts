import { Effect, Layer } from "effect"
import { toSentenceRecords } from "#formats"
import type { ExportRecord } from "#schema"
import type { LoadedLanguage } from "#workspace"
import { readStageFile } from "../files.ts"
import { writeStageOutput } from "../output.ts"
import { stageFiles } from "../table.ts"

/**
 * export: writes the language's sentence records `{id, text, char_spans}` (code point offsets, end exclusive) as
 * `<code>.jsonl`, both label sets (English and translated) and the statistics, with the judge's summary.
 */
export const run = Effect.fn("export")(function*(loaded: LoadedLanguage) {
  const { language } = loaded
  const annotated = yield* readStageFile(stageFiles.annotate.annotations, language.code)
  const labels = yield* readStageFile(stageFiles.translate.labels, language.code)
  const judge = yield* readStageFile(stageFiles.judge.summary, language.code)

  const records: Array<ExportRecord> = []
  let droppedAcrossSentences = 0
  for (const passage of annotated) {
    const result = toSentenceRecords(passage, language.bcp47)
    records.push(...result.records)
    droppedAcrossSentences += result.droppedAcrossSentences
  }
  const perLabel: Record<string, number> = {}
  for (const record of records) for (const span of record.char_spans) perLabel[span.label] = (perLabel[span.label] ?? 0) + 1
  const statistics = {
    language: language.code,
    name: language.name,
    passages: annotated.length,
    records: records.length,
    spans: Object.values(perLabel).reduce((a, b) => a + b, 0),
    droppedAcrossSentences,
    labels: Object.fromEntries(Object.entries(perLabel).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    judge,
    offsets: "Unicode code points, end exclusive" as const
  }

  yield* writeStageOutput("export", loaded, { files: { records, labels, statistics } })
  yield* Effect.logInfo(
    `export ${language.code}: ${records.length} records, ${statistics.spans} spans` +
      (droppedAcrossSentences > 0 ? `, ${droppedAcrossSentences} spans across sentence boundaries dropped` : "")
  )
  return statistics
})

export const layer = Layer.empty
