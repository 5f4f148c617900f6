/**
 * A gold mention: CODE POINT offsets into its sentence's `text`, end exclusive, and the set's own type (PER, OTH,
 * ORGANIZATION...), which `#evaluate`'s type map reads.
 */
export interface GoldMention {
  readonly start: number
  readonly end: number
  readonly type: string
}

/** A sentence of a gold set. `line` is the 1-based line of the file where the sentence starts. */
export interface GoldSentence {
  readonly id: string
  readonly text: string
  readonly mentions: ReadonlyArray<GoldMention>
  readonly line: number
}
