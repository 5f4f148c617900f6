import { Schema } from "effect"
import type { AnswerFormat } from "#llm"

/**
 * The `response_format` of a stage's answer, derived from the Schema its parser reads (one owner of the shape):
 * JSON Schema draft 2020-12 with every property required and no other allowed, as strict structured output wants.
 */
export const answerFormat = (name: string, schema: Schema.Top): AnswerFormat => ({
  name,
  schema: Schema.toJsonSchemaDocument(schema, { onExcessProperty: "error" }).schema as Record<string, unknown>
})
