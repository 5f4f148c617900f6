import { Schema } from "effect"
import { findObject, stripReasoning } from "#annotation"
import type { AnswerFormat } from "#llm"
import { answerFormat } from "../llm/format.ts"

/** The `response_format` of a translate request: an object with a string for each label of the batch, and no other. */
export const labelTranslationsFormat = (labels: ReadonlyArray<string>): AnswerFormat =>
  answerFormat("label_translations", Schema.Struct(Object.fromEntries(labels.map((label) => [label, Schema.String]))))

export type LabelTranslations = {
  /** Whether the answer held an object at all; without one every label is untranslated. */
  readonly answered: boolean
  /** Every asked label mapped to its translation, or to itself where it has none. */
  readonly translations: Record<string, string>
  /** The labels left untranslated, in the order asked. */
  readonly untranslated: ReadonlyArray<string>
}

/**
 * Reads an LLM's translations of labels: a JSON object `{"label": "translation"}` (fenced or among chatter; a cut
 * answer keeps the entries before the cut). A label the answer leaves out, maps to a non-string, to an empty string
 * or to itself (ignoring case) is untranslated and maps to itself. Keys are matched exactly, else ignoring case and
 * surrounding white space.
 */
export const parseLabelTranslations = (answer: string, labels: ReadonlyArray<string>): LabelTranslations => {
  const found = findObject(stripReasoning(answer))
  const entries = found.kind === "missing" ? [] : found.object.entries
  const lookup = (label: string) =>
    (entries.find(([key]) => key === label) ?? entries.find(([key]) => loose(key) === loose(label)))?.[1]
  const translations: Record<string, string> = {}
  const untranslated: Array<string> = []
  for (const label of labels) {
    const value = lookup(label)
    const translation = value?.kind === "string" ? value.value.trim() : ""
    if (translation === "" || loose(translation) === loose(label)) {
      translations[label] = label
      untranslated.push(label)
    } else {
      translations[label] = translation
    }
  }
  return { answered: found.kind !== "missing", translations, untranslated }
}

const loose = (text: string): string => text.trim().toLowerCase()
