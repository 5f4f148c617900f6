import { Effect, FileSystem, Path } from "effect"
import { MalformedFlores } from "./errors.ts"

/** The SIB-200 files of a language, each `index_id<TAB>category<TAB>text` under a header, quotes literal. */
const splits = ["train", "dev", "test"]

/**
 * One language's FLORES-200 sentences (SIB-200 layout) joined into passages of `perPassage` sentences in `index_id`
 * order: consecutive FLORES sentences mostly come from the same article, so a passage reads as a short extract.
 */
export const floresPassages = Effect.fn("floresPassages")(function*(folder: string, perPassage: number) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const sentences: Array<{ readonly index: number; readonly text: string }> = []
  for (const split of splits) {
    const file = path.join(folder, `${split}.tsv`)
    const text = yield* fs.readFileString(file).pipe(
      Effect.mapError((cause) => new MalformedFlores({ file, line: 0, reason: `cannot be read (${cause.message})` }))
    )
    const lines = text.split(/\r?\n/)
    for (const [i, line] of lines.entries()) {
      if (i === 0 || line === "") continue
      const [index, category, ...rest] = line.split("\t")
      if (!/^\d+$/.test(index) || category === undefined || rest.length === 0) {
        return yield* new MalformedFlores({ file, line: i + 1, reason: "not index_id<TAB>category<TAB>text" })
      }
      sentences.push({ index: Number(index), text: rest.join("\t") })
    }
  }
  sentences.sort((a, b) => a.index - b.index)
  const passages: Array<{ readonly id: string; readonly text: string }> = []
  for (let start = 0; start < sentences.length; start += perPassage) {
    const group = sentences.slice(start, start + perPassage)
    passages.push({ id: `flores-${group[0].index}`, text: group.map((sentence) => sentence.text).join(" ") })
  }
  return passages
})
