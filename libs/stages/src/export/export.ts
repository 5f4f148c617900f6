import { Effect, Layer, Schema } from "effect"
import { writeConll } from "#bio"
import { recordsToParquet, roundTrip, toGliner, toIob2, toSentenceRecords, translateRecord } from "#formats"
import type { ExportRecord, FormatLoss } from "#schema"
import { languageStatistics, statisticsCsv } from "#statistics"
import { type LoadedLanguage, Workspace } from "#workspace"
import { readStageFile } from "../files.ts"
import { writeStageOutput } from "../output.ts"
import { stageFiles, stageTable } from "../table.ts"

/** `export/config.json` */
export const ExportConfig = Schema.Struct({
  /** Sentences in which the annotator found nothing: dropped by default (and counted), as the paper's release. */
  keepSentencesWithoutSpans: Schema.Boolean
})

/**
 * export: cuts the annotated passages into sentence records `{id, text, char_spans}` (code point offsets, end
 * exclusive) and writes them with English labels (`<code>.jsonl`, `<code>.parquet`), with the translated labels
 * (`<code>.x.jsonl`), in GLiNER's format and as CoNLL/IOB2. A span a format cannot carry is never moved: it is left
 * out of that format and listed in `losses.jsonl`. The statistics (`stats.json`, `stats.csv`) are counted with
 * arquero from the files written and the manifests of the stages before.
 */
export const run = Effect.fn("export")(function*(loaded: LoadedLanguage) {
  const { language } = loaded
  const workspace = yield* Workspace
  const config = yield* workspace.readConfig(stageTable.export.config, ExportConfig)
  const annotated = yield* readStageFile(stageFiles.annotate.annotations, language.code)
  const annotateManifest = yield* readStageFile(stageFiles.annotate.manifest, language.code)
  const labels = yield* readStageFile(stageFiles.translate.labels, language.code)
  const translateManifest = yield* readStageFile(stageFiles.translate.manifest, language.code)
  const summary = yield* readStageFile(stageFiles.judge.summary, language.code)
  const judgements = yield* readStageFile(stageFiles.judge.judgements, language.code)
  const judgeManifest = yield* readStageFile(stageFiles.judge.manifest, language.code)

  const sentences = annotated.map((passage) => toSentenceRecords(passage, language.bcp47))
  const all = sentences.flatMap((cut) => cut.records)
  const records: Array<ExportRecord> = config.keepSentencesWithoutSpans
    ? all
    : all.filter((record) => record.char_spans.length > 0)
  const dropped = {
    sentencesWithoutSpans: all.length - records.length,
    spansAcrossSentences: sentences.reduce((sum, cut) => sum + cut.droppedAcrossSentences, 0)
  }
  const { writing } = language
  const losses: Array<FormatLoss> = records.flatMap((record) => {
    const lost = roundTrip(record, writing)
    return (["gliner", "iob2"] as const).flatMap((format) =>
      lost[format].map(({ span, mention, reason }) => ({ id: record.id, format, ...span, mention, reason }))
    )
  })
  const statistics = languageStatistics({
    language,
    passages: annotated,
    records,
    dropped,
    judge: { summary, judgements, rejected: judgeManifest.rejected },
    llm: { annotate: annotateManifest.llm, judge: judgeManifest.llm, translate: translateManifest.llm }
  })

  yield* writeStageOutput("export", loaded, {
    files: {
      records,
      translated: records.map((record) => translateRecord(record, labels.labels)),
      gliner: records.map((record) => toGliner(record, writing).gliner),
      conll: writeConll(records.map((record) => toIob2(record, writing))),
      parquet: recordsToParquet(records),
      losses,
      labels,
      statistics,
      statisticsCsv: statisticsCsv([statistics])
    }
  })
  yield* Effect.logInfo(
    `export ${language.code}: ${records.length} sentences, ${statistics.spans} spans` +
      (dropped.sentencesWithoutSpans > 0 ? `; ${dropped.sentencesWithoutSpans} sentences without spans dropped` : "") +
      (dropped.spansAcrossSentences > 0 ? `; ${dropped.spansAcrossSentences} spans across sentence boundaries dropped` : "") +
      (losses.length > 0 ? `; ${losses.length} spans a format cannot carry (losses.jsonl)` : "")
  )
  return statistics
})

export const layer = Layer.empty
