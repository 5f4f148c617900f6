import { Schema } from "effect"
import { Span } from "./Span.ts"

/** One exported sentence: `{id: "<doc>-s<k>", text, char_spans}`, offsets in code points, end exclusive. */
export class ExportRecord extends Schema.Class<ExportRecord>("finerweb/schema/ExportRecord")({
  id: Schema.NonEmptyString,
  text: Schema.NonEmptyString,
  char_spans: Schema.Array(Span)
}) {}

/** A span of a FiNERweb-x record: its label in the language, or the English one with `translated: false`. */
export const TranslatedSpan = Schema.Struct({
  ...Span.fields,
  translated: Schema.Boolean
})
export type TranslatedSpan = typeof TranslatedSpan.Type

/** One exported sentence with translated labels (FiNERweb-x): the same id, text and offsets as its ExportRecord. */
export class TranslatedRecord extends Schema.Class<TranslatedRecord>("finerweb/schema/TranslatedRecord")({
  id: Schema.NonEmptyString,
  text: Schema.NonEmptyString,
  char_spans: Schema.Array(TranslatedSpan)
}) {}

/** One exported sentence in GLiNER's training format: its words, and spans as word indices, end inclusive. */
export const GlinerLine = Schema.Struct({
  tokenized_text: Schema.Array(Schema.String),
  ner: Schema.Array(Schema.Tuple([Schema.Int, Schema.Int, Schema.String]))
})
export type GlinerLine = typeof GlinerLine.Type

/** A span of an exported sentence that a format cannot carry (it cuts a word, or overlaps another), and why. */
export const FormatLoss = Schema.Struct({
  id: Schema.String,
  format: Schema.Literals(["gliner", "iob2"]),
  start: Schema.Int,
  end: Schema.Int,
  label: Schema.String,
  mention: Schema.String,
  reason: Schema.String
})
export type FormatLoss = typeof FormatLoss.Type
