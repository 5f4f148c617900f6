import type { Mention } from "#schema"
import { ExportRecord } from "#schema"
import { splitSentences } from "./sentences.ts"

export interface SentenceRecords {
  readonly records: ReadonlyArray<ExportRecord>
  /** Spans that cross a sentence boundary: they cannot be kept in a sentence-level record. */
  readonly droppedAcrossSentences: number
}

/**
 * Cuts an annotated passage into sentence records `{id: "<document>-s<k>", text, char_spans}`, spans re-based to the
 * sentence (code points, end exclusive).
 */
export const toSentenceRecords = (
  passage: { readonly document: string; readonly text: string; readonly mentions: ReadonlyArray<Mention> },
  locale: string
): SentenceRecords => {
  const sentences = splitSentences(passage.text, locale)
  const records: Array<ExportRecord> = []
  let placed = 0
  sentences.forEach((sentence, index) => {
    const char_spans = passage.mentions
      .filter((mention) => mention.start >= sentence.start && mention.end <= sentence.end)
      .map((mention) => ({ start: mention.start - sentence.start, end: mention.end - sentence.start, label: mention.label }))
    placed += char_spans.length
    records.push(new ExportRecord({ id: `${passage.document}-s${index}`, text: sentence.text, char_spans }))
  })
  return { records, droppedAcrossSentences: passage.mentions.length - placed }
}
