import { Schema } from "effect"
import { Span } from "./Span.ts"

/** One exported sentence: `{id: "<doc>-s<k>", text, char_spans}`, offsets in code points, end exclusive. */
export class ExportRecord extends Schema.Class<ExportRecord>("finerweb/schema/ExportRecord")({
  id: Schema.NonEmptyString,
  text: Schema.NonEmptyString,
  char_spans: Schema.Array(Span)
}) {}
