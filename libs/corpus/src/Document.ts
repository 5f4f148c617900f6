import { Schema } from "effect"

/** One document of a corpus, before it is cut into passages. */
export interface CorpusDocument {
  readonly id: string
  readonly text: string
  readonly url: string | null
}

/** A FineWeb-2 row; its other fields (`language`, `language_score`, ...) are ignored. */
export const CorpusRow = Schema.Struct({
  text: Schema.NonEmptyString,
  id: Schema.NonEmptyString,
  url: Schema.optional(Schema.NullOr(Schema.String))
})
export type CorpusRow = typeof CorpusRow.Type

export const documentFromRow = (row: CorpusRow): CorpusDocument => ({
  id: row.id,
  text: row.text,
  url: row.url ?? null
})
