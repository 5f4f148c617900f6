import { Config, Effect, FileSystem, Option, Stream } from "effect"
import { loadConfig } from "#config"
import { chunkPassage, type CorpusDocument, type CorpusError, readFolder, readUdhr, sampleDocuments } from "#corpus"
import { toJson, toJsonl } from "#files"
import { Passage } from "#schema"
import type { LoadedLanguage } from "./shared/language.ts"
import { writeStageOutput } from "./shared/output.ts"
import { packageVersions } from "./shared/packages.ts"

/** A local FineWeb-2 download (or any folder of rows in its shape); unset means the embedded UDHR corpus. */
export const corpusDirectory = Config.option(Config.String("FINERWEB_CORPUS_DIR"))

/**
 * sample: draws documents by seeded hash rank from the corpus and cuts each into passages of about 256 words.
 * Every chunk of a drawn document is kept; the score stage then keeps the first good chunk per document.
 */
export const sample = Effect.fn("sample")(function*({ language, digest }: LoadedLanguage) {
  const fs = yield* FileSystem.FileSystem
  const config = yield* loadConfig("sample")
  const folder = yield* corpusDirectory
  const wanted = language.passages * config.documentsPerPassage
  const seed = `${config.seed}:${language.code}`

  const udhr = language.corpus.udhr
  // A FineWeb-2 download holds data/<config>/train/ per language; any other folder is read as it is.
  const fineweb2 = Option.isSome(folder) && (yield* fs.exists(`${folder.value}/data`))
  const source = Option.match(folder, {
    onNone: () => udhr === null ? "embedded:none" : `embedded:udhr/${udhr}`,
    onSome: (path) => `folder:${path}`
  })
  const documents = Option.match(folder, {
    onNone: (): Stream.Stream<CorpusDocument, CorpusError> =>
      udhr === null ? Stream.empty : Stream.unwrap(Effect.map(readUdhr(udhr), Stream.fromIterable)),
    onSome: (path) => fineweb2 ? readFolder(path, language.fineweb2 ?? language.code) : readFolder(path)
  })
  const drawn = yield* sampleDocuments(documents, { seed, count: wanted })

  const passages = drawn.flatMap((document) =>
    chunkPassage(document.text, { words: language.words, locale: language.bcp47, size: config.wordsPerPassage })
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

  yield* writeStageOutput(language.code, "sample", {
    inputs: {
      language: digest,
      config,
      source,
      packages: packageVersions(["udhr", "hyparquet", "hyparquet-compressors"])
    },
    files: { "passages.jsonl": toJsonl(passages), "manifest.json": toJson(manifest) }
  })
  yield* Effect.logInfo(
    `sample ${language.code}: ${passages.length} passages from ${drawn.length} documents (${source})` +
      (shortfall === null ? "" : `; shortfall: ${shortfall}`)
  )
  return manifest
})
