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
