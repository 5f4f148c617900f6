import type { Mention } from "#schema"
import { ExportRecord } from "#schema"
import { codePointOffsets, sentenceSpans } from "#text"

export interface SentenceRecords {
  readonly records: ReadonlyArray<ExportRecord>
  /** Spans that cross a sentence boundary: they cannot be kept in a sentence-level record. */
  readonly droppedAcrossSentences: number
}

/**
 * Cuts an annotated passage into sentence records `{id: "<document>-s<k>", text, char_spans}`, one per sentence of
 * #text's `sentenceSpans`, spans re-based to the sentence (code points, end exclusive).
 */
export const toSentenceRecords = (
  passage: { readonly document: string; readonly text: string; readonly mentions: ReadonlyArray<Mention> },
  locale: string
): SentenceRecords => {
  const offsets = codePointOffsets(passage.text)
  let placed = 0
  const records = sentenceSpans(passage.text, locale).map((sentence, index) => {
    // The sentence in code points, as the mentions are.
    const start = offsets[sentence.start]
    const end = offsets[sentence.end]
    const char_spans = passage.mentions
      .filter((mention) => mention.start >= start && mention.end <= end)
      .map((mention) => ({ start: mention.start - start, end: mention.end - start, label: mention.label }))
    placed += char_spans.length
    return new ExportRecord({
      id: `${passage.document}-s${index}`,
      text: passage.text.slice(sentence.start, sentence.end),
      char_spans
    })
  })
  return { records, droppedAcrossSentences: passage.mentions.length - placed }
}
