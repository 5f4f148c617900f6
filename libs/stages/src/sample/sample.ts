import { Config, Effect, FileSystem, Layer, Option, Schema, Stream } from "effect"
import { chunkPassage, type CorpusDocument, type CorpusError, readFolder, readUdhr, sampleDocuments } from "#corpus"
import { Passage } from "#schema"
import { type LoadedLanguage, Workspace } from "#workspace"
import { writeStageOutput } from "../output.ts"
import { externalInputs, stageTable } from "../table.ts"
import { corpusSource } from "./source.ts"

const Positive = Schema.Int.check(Schema.isGreaterThan(0))

/** `sample/config.json` */
export const SampleConfig = Schema.Struct({
  seed: Schema.NonEmptyString,
  wordsPerPassage: Positive,
  /** Documents drawn per wanted passage, so that the scorer has some to reject. */
  documentsPerPassage: Positive
})

/**
 * sample: draws documents by seeded hash rank from the corpus and cuts each into passages of about 256 words.
 * Every chunk of a drawn document is kept; the score stage then keeps the first good chunk per document.
 */
export const run = Effect.fn("sample")(function*(loaded: LoadedLanguage) {
  const { language } = loaded
  const fs = yield* FileSystem.FileSystem
  const workspace = yield* Workspace
  const config = yield* workspace.readConfig(stageTable.sample.config, SampleConfig)
  const folder = yield* Config.option(Config.String(externalInputs.corpus.corpusDir))
  const wanted = language.passages * config.documentsPerPassage
  const seed = `${config.seed}:${language.code}`

  const udhr = language.corpus.udhr
  // A FineWeb-2 download holds data/<config>/train/ per language; any other folder is read as it is.
  const fineweb2 = Option.isSome(folder) && (yield* fs.exists(`${folder.value}/data`))
  const source = corpusSource(udhr, folder)
  const documents = Option.match(folder, {
    onNone: (): Stream.Stream<CorpusDocument, CorpusError> =>
      udhr === null ? Stream.empty : Stream.unwrap(Effect.map(readUdhr(udhr), Stream.fromIterable)),
    onSome: (path) => fineweb2 ? readFolder(path, language.fineweb2 ?? language.code) : readFolder(path)
  })
  const drawn = yield* sampleDocuments(documents, { seed, count: wanted })

  const passages = drawn.flatMap((document) =>
    chunkPassage(document.text, { ...language.writing, size: config.wordsPerPassage })
      .map((chunk, index) =>
        new Passage({
          id: `${document.id}#${index}`,
          document: document.id,
          chunk: index,
          text: chunk.text,
          words: chunk.words,
          url: document.url
        })
      )
  )
  const shortfall = drawn.length < wanted
    ? `the corpus (${source}) holds ${drawn.length} documents, fewer than the ${wanted} wanted for ${language.passages} passages`
    : null
  const manifest = { source, seed, documentsWanted: wanted, documents: drawn.length, passages: passages.length, shortfall }

  yield* writeStageOutput("sample", loaded, { files: { passages, manifest }, inputs: { source } })
  yield* Effect.logInfo(
    `sample ${language.code}: ${passages.length} passages from ${drawn.length} documents (${source})` +
      (shortfall === null ? "" : `; shortfall: ${shortfall}`)
  )
  return manifest
})

export const layer = Layer.empty
