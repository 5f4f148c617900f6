import type { Span } from "#schema"

/** What the formats read of a sentence record: its text and its spans (code points, end exclusive). */
export interface SpannedText {
  readonly text: string
  readonly char_spans: ReadonlyArray<Span>
}
