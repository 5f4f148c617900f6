import { checkConll, parseConll, writeConll } from "#bio"
import type { Span } from "#schema"
import type { Writing } from "#text"
import { Result } from "effect"
import { fromGliner, toGliner } from "./gliner.ts"
import { mentionOf, type SpanLoss } from "./internal/place.ts"
import type { SpannedText } from "./internal/sentence.ts"
import { fromIob2, toIob2 } from "./iob2.ts"

/** What a record loses in each format; an empty list means every span comes back as it was. */
export interface RoundTrip {
  readonly gliner: ReadonlyArray<SpanLoss>
  readonly iob2: ReadonlyArray<SpanLoss>
}

/**
 * Every span of a record that does not survive char spans -> GLiNER -> char spans, or char spans -> IOB2 text
 * (written, parsed and checked by #bio under SeqScore's BIO rules) -> char spans, each with why; also a span
 * that comes back where none went in. Spans are compared as they are: offsets and label.
 */
export const roundTrip = (record: SpannedText, writing: Writing): RoundTrip => {
  const gliner = toGliner(record, writing)
  const iob2 = toIob2(record, writing)
  return {
    gliner: [...gliner.unexpressed, ...compare(record, gliner.unexpressed, fromGliner(record.text, gliner.gliner, writing))],
    iob2: [...iob2.unexpressed, ...compare(record, iob2.unexpressed, readIob2(record, iob2, writing))]
  }
}

const readIob2 = (
  record: SpannedText,
  sentence: { readonly tokens: ReadonlyArray<string>; readonly tags: ReadonlyArray<string> },
  writing: Writing
): Array<Span> | string => {
  const file = "sentence.conll"
  const checked = Result.flatMap(parseConll(writeConll([sentence]), file), (sentences) =>
    checkConll(sentences, file, "BIO", null))
  if (Result.isFailure(checked)) return checked.failure.message
  const read = checked.success.sentences
  const back = read.length === 0 ? { tokens: [], tags: [] } : read[0]
  if (read.length > 1) return `the sentence came back as ${read.length} sentences`
  return fromIob2(record.text, back, writing, record.char_spans.map((span) => span.label))
}

const key = (span: Span): string => `${span.start} ${span.end} ${span.label}`

/** The spans written but not read back, and those read back but never written; or all of them, if reading failed. */
const compare = (
  record: SpannedText,
  unexpressed: ReadonlyArray<SpanLoss>,
  back: Array<Span> | string
): Array<SpanLoss> => {
  const left = new Set(unexpressed.map((loss) => loss.span))
  const written = record.char_spans.filter((span) => !left.has(span))
  const loss = (span: Span, reason: string) => ({ span, mention: mentionOf(record.text, span), reason })
  if (typeof back === "string") return written.map((span) => loss(span, `the file could not be read back: ${back}`))
  const unmatched = new Map<string, Array<Span>>()
  for (const span of back) unmatched.set(key(span), [...(unmatched.get(key(span)) ?? []), span])
  const lost: Array<SpanLoss> = []
  for (const span of written) {
    const match = unmatched.get(key(span))
    if (match !== undefined && match.length > 0) match.pop()
    else lost.push(loss(span, `it did not come back (read back: ${JSON.stringify(back)})`))
  }
  for (const span of [...unmatched.values()].flat()) lost.push(loss(span, "it came back, but no such span went in"))
  return lost
}
