import { huggingFacePath } from "#formats"
import { Effect, FileSystem, Path } from "effect"
import { readJson, readJsonl, replaceDirectory, sha256, toJson, writeFileAtomic } from "#files"
import { foldFragments, lockName, readFragments, renderLock } from "#lock"
import { ExportRecord, Language, LanguageStatistics } from "#schema"
import { stageTable } from "#stages"
import { scriptStatistics, scriptStatisticsCsv, statisticsCsv } from "#statistics"
import { type CardLanguage, datasetCard } from "./card.ts"
import { MalformedExport, MissingExport } from "./errors.ts"
import { provenance } from "./provenance.ts"
import { sha256Sums } from "./sums.ts"

/** The release folder, relative to the workspace root. */
export const releaseFolder = "release"

/** export's files, as the stage table names them. */
const exported = stageTable.export.writes

/** Where each file of a language's `out/export/` goes in the release; `{code}` and `{iso3}` fill in per language. */
const gathered = [
  { from: exported.parquet.name, to: huggingFacePath("{iso3}") },
  { from: exported.records.name, to: `jsonl/${exported.records.name}` },
  { from: exported.translated.name, to: `jsonl/${exported.translated.name}` },
  { from: exported.gliner.name, to: `gliner/${exported.gliner.name}` },
  { from: exported.conll.name, to: `conll/${exported.conll.name}` },
  { from: exported.labels.name, to: "labels/{code}.labels.json" }
] as const

const fill = (pattern: string, language: Language) =>
  pattern.replaceAll("{code}", language.code).replaceAll("{iso3}", language.iso639_3)

export interface ReleaseFile {
  readonly path: string
  readonly bytes: Uint8Array
}

/** Every `languages/<code>/language.json` under `root`, in code order. */
const readLanguages = Effect.fn("readLanguages")(function*(root: string) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const codes = (yield* fs.readDirectory(path.join(root, "languages"))).toSorted()
  const languages: Array<Language> = []
  for (const code of codes) {
    const file = path.join(root, "languages", code, "language.json")
    if (yield* fs.exists(file)) languages.push(yield* readJson(file, Language))
  }
  return languages
})

/** One language's export files, read and checked: its statistics must count what its records hold. */
const readExport = Effect.fn("readExport")(function*(root: string, language: Language) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const folder = `languages/${language.code}/out/export`
  const read = Effect.fnUntraced(function*(name: string) {
    const file = `${folder}/${name}`
    const absolute = path.join(root, file)
    const unreadable = (cause: { message: string }) => new MalformedExport({ file, reason: cause.message })
    if (!(yield* fs.exists(absolute).pipe(Effect.mapError(unreadable)))) return yield* new MissingExport({ file })
    return yield* fs.readFile(absolute).pipe(Effect.mapError(unreadable))
  })
  const files: Array<ReleaseFile> = []
  for (const { from, to } of gathered) {
    files.push({ path: fill(to, language), bytes: yield* read(fill(from, language)) })
  }
  const recordsName = fill(exported.records.name, language)
  const statisticsName = fill(exported.statistics.name, language)
  const records = yield* readJsonl(path.join(root, folder, recordsName), ExportRecord)
  yield* read(statisticsName)
  const statistics = yield* readJson(path.join(root, folder, statisticsName), LanguageStatistics)
  const spans = records.reduce((total, record) => total + record.char_spans.length, 0)
  if (statistics.sentences !== records.length || statistics.spans !== spans) {
    return yield* new MalformedExport({
      file: `${folder}/${statisticsName}`,
      reason: `counts ${statistics.sentences} sentences and ${statistics.spans} spans, ` +
        `but ${recordsName} holds ${records.length} and ${spans}`
    })
  }
  return { files, statistics }
})

/**
 * Every file of the release folder, in memory: the parquet files in the Hugging Face layout, the JSONL, GLiNER and
 * CoNLL files, the label translations, the dataset card, statistics per language and per script, `datasets.lock` as
 * the same build will fold it from the lock fragments of `stages` (the release runs before `lock fold`, and the card
 * names its sha256), and `SHA256SUMS` over all of them. Equal inputs give equal bytes.
 */
export const gatherRelease = Effect.fn("gatherRelease")(function*(root: string, stages: ReadonlyArray<string>) {
  const lock = foldFragments(yield* readFragments(root, stages))
  const lockText = renderLock(lock)
  const lockSha256 = sha256(lockText)
  const { sources, ...models } = provenance(lock, stages)

  const files: Array<ReleaseFile> = []
  const languages: Array<CardLanguage> = []
  const statistics: Array<LanguageStatistics> = []
  for (const language of yield* readLanguages(root)) {
    const exported = yield* readExport(root, language)
    files.push(...exported.files)
    statistics.push(exported.statistics)
    languages.push({
      code: language.code,
      iso639_3: language.iso639_3,
      bcp47: language.bcp47,
      name: language.name,
      script: language.script,
      source: sources[language.code] ?? "unknown (no sample entry in the lock)",
      passages: exported.statistics.passages,
      sentences: exported.statistics.sentences,
      spans: exported.statistics.spans,
      judge: {
        judged: exported.statistics.judge.judged,
        meanFaithfulness: exported.statistics.judge.faithfulness.mean,
        meanCompleteness: exported.statistics.judge.completeness.mean
      }
    })
  }

  const encoder = new TextEncoder()
  const text = (file: string, content: string) => files.push({ path: file, bytes: encoder.encode(content) })
  const scripts = scriptStatistics(statistics)
  text("statistics/languages.json", toJson(statistics))
  text("statistics/languages.csv", statisticsCsv(statistics))
  text("statistics/scripts.json", toJson(scripts))
  text("statistics/scripts.csv", scriptStatisticsCsv(scripts))
  text(lockName, lockText)
  text("README.md", datasetCard({ languages, ...models, lockSha256 }))
  text("SHA256SUMS", sha256Sums(files))
  return { files, languages: languages.length, lockSha256 }
})

/** Writes the gathered release into `release/`, built under a temporary name and swapped in whole. */
export const buildRelease = Effect.fn("buildRelease")(function*(root: string, stages: ReadonlyArray<string>) {
  const path = yield* Path.Path
  const { files, languages, lockSha256 } = yield* gatherRelease(root, stages)
  yield* replaceDirectory(path.join(root, releaseFolder), (temporary) =>
    Effect.forEach(files, (file) => writeFileAtomic(path.join(temporary, file.path), file.bytes), { discard: true }))
  return { languages, files: files.length, lockSha256 }
})
