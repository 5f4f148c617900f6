/**
 * The three encodings, as SeqScore names them: BIO is IOB2 (every mention opens with B-), IOB is IOB1
 * (a mention opens with I-; B- only opens a mention right after one of the same type), BIOES adds E- for a
 * mention's last token and S- for a one-token mention.
 */
export type Encoding = "BIO" | "IOB" | "BIOES"

/** A mention over token indices, end exclusive. */
export interface TokenMention {
  readonly start: number
  readonly end: number
  readonly type: string
}

export type State = "B" | "I" | "O" | "E" | "S"

/** A tag split into its state and its type; `type` is null for O only. */
export interface Tag {
  readonly state: State
  readonly type: string | null
}

const shape = /^([BIES])-(\S+)$/

/** Whether a string is shaped like a tag: `O`, or one of B/I/E/S, a hyphen and a type. */
export const isTag = (tag: string): boolean => tag === "O" || shape.test(tag)

/** Splits a tag; one not shaped like a tag is a caller's bug (parseConll never lets one through). */
export const splitTag = (tag: string): Tag => {
  if (tag === "O") return { state: "O", type: null }
  const match = shape.exec(tag)
  if (match === null) throw new RangeError(`not a tag: ${JSON.stringify(tag)} (expected O, B-X, I-X, E-X or S-X)`)
  return { state: match[1] as State, type: match[2] }
}

export const joinTag = (state: State, type: string | null): string => (type === null ? "O" : `${state}-${type}`)
