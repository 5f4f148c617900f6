import { Effect, Stream } from "effect"
import { sha256 } from "#files"
import type { CorpusDocument } from "./Document.ts"

interface Ranked {
  readonly key: string
  readonly document: CorpusDocument
}

/** The rank of a document for a seed: the hex sha256 of `<seed>:<id>`. */
export const sampleKey = (seed: string, id: string): string =>
  sha256(`${seed}:${id}`)

// Documents that share an id share a key; ordering them by content too keeps the result independent
// of the order they arrive in.
const compare = (a: Ranked, b: Ranked): number =>
  a.key < b.key ? -1 : a.key > b.key ? 1 :
  a.document.text < b.document.text ? -1 : a.document.text > b.document.text ? 1 :
  (a.document.url ?? "") < (b.document.url ?? "") ? -1 : (a.document.url ?? "") > (b.document.url ?? "") ? 1 : 0

/** Index of the first kept entry that ranks after `ranked`. */
const insertionPoint = (kept: ReadonlyArray<Ranked>, ranked: Ranked): number => {
  let low = 0
  let high = kept.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (compare(kept[middle], ranked) <= 0) low = middle + 1
    else high = middle
  }
  return low
}

/** Adds a document to the kept ones (sorted, at most `count`), keeping one document per id. */
const keep = (kept: Array<Ranked>, ranked: Ranked, count: number): Array<Ranked> => {
  if (kept.length === count && compare(ranked, kept[count - 1]) >= 0) return kept
  const at = insertionPoint(kept, ranked)
  // A duplicate id has the same key, so it sits right before the insertion point.
  if (at > 0 && kept[at - 1].document.id === ranked.document.id) return kept
  const twin = kept[at]?.key === ranked.key && kept[at].document.id === ranked.document.id
  kept.splice(at, twin ? 1 : 0, ranked)
  if (kept.length > count) kept.pop()
  return kept
}

/**
 * Keeps the `count` documents with the smallest sha256 of `<seed>:<id>`, in that order: a sample that
 * depends only on the seed and the set of documents, never on file order, in O(count) memory.
 */
export const sampleDocuments = <E, R = never>(
  documents: Stream.Stream<CorpusDocument, E, R>,
  options: { readonly seed: string; readonly count: number }
): Effect.Effect<ReadonlyArray<CorpusDocument>, E, R> => {
  const count = Math.floor(options.count)
  return count <= 0
    ? Effect.succeed([])
    : documents.pipe(
      Stream.runFold(
        (): Array<Ranked> => [],
        (kept, document) => keep(kept, { key: sampleKey(options.seed, document.id), document }, count)
      ),
      Effect.map((kept) => kept.map((ranked) => ranked.document))
    )
}
