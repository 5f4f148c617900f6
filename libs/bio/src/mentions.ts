import { type Encoding, joinTag, splitTag, type State, type TokenMention } from "./tag.ts"

/**
 * The mentions a sentence's tags encode. A valid sequence decodes as SeqScore decodes it. An invalid one is read
 * the way conlleval.pl reads chunks rather than rejected: a mention opens at B- or S-, and at I- or E- when no
 * mention of that type is open; it closes after E- or S-, and before O, B-, S- or a tag of another type.
 */
// The encoding does not change how a tag is read: each state means the same in all three (conlleval.pl reads
// them all with one rule); only which transitions are allowed differs, and that is validate's business.
export const mentionsOf = (tags: ReadonlyArray<string>): Array<TokenMention> =>
  chunks(tags).map(({ start, end, type }) => ({ start, end, type }))

/** A decoded mention with the states of its tags, which repair needs to judge whether it was well formed. */
export interface Chunk extends TokenMention {
  readonly states: ReadonlyArray<State>
}

export const chunks = (tags: ReadonlyArray<string>): Array<Chunk> => {
  const found: Array<Chunk> = []
  let open: { start: number; type: string; states: Array<State> } | null = null
  const close = (end: number) => {
    if (open !== null) found.push({ start: open.start, end, type: open.type, states: open.states })
    open = null
  }
  tags.forEach((tag, index) => {
    const { state, type } = splitTag(tag)
    if (type === null) return close(index)
    if (state === "B" || state === "S" || open === null || open.type !== type) {
      close(index)
      open = { start: index, type, states: [] }
    }
    open.states.push(state)
    if (state === "E" || state === "S") close(index + 1)
  })
  close(tags.length)
  return found
}

/**
 * The tags that encode the mentions in a sentence of `length` tokens, as SeqScore encodes them. In IOB a mention
 * opens with B- only right after a mention of the same type. Mentions may come in any order; overlapping
 * mentions, or one outside the sentence or empty, have no encoding and are a caller's bug.
 */
export const tagsOf = (mentions: ReadonlyArray<TokenMention>, length: number, encoding: Encoding): Array<string> => {
  const tags = Array.from({ length }, () => "O")
  let previous: TokenMention | null = null
  for (const mention of [...mentions].sort((a, b) => a.start - b.start)) {
    if (mention.start < 0 || mention.end > length || mention.start >= mention.end) {
      throw new RangeError(`mention ${JSON.stringify(mention)} is empty or outside a sentence of ${length} tokens`)
    }
    if (previous !== null && mention.start < previous.end) {
      throw new RangeError(`mentions ${JSON.stringify(previous)} and ${JSON.stringify(mention)} overlap`)
    }
    const follows = previous !== null && previous.end === mention.start && previous.type === mention.type
    for (let index = mention.start; index < mention.end; index++) {
      tags[index] = joinTag(stateAt(encoding, index - mention.start, mention.end - mention.start, follows), mention.type)
    }
    previous = mention
  }
  return tags
}

const stateAt = (encoding: Encoding, position: number, length: number, followsSameType: boolean): State => {
  switch (encoding) {
    case "BIO":
      return position === 0 ? "B" : "I"
    case "IOB":
      return position === 0 && followsSameType ? "B" : "I"
    case "BIOES":
      if (length === 1) return "S"
      return position === 0 ? "B" : position === length - 1 ? "E" : "I"
  }
}

/** The same mentions in another encoding: decode (which reads every encoding alike), then encode. */
export const convert = (tags: ReadonlyArray<string>, to: Encoding): Array<string> =>
  tagsOf(mentionsOf(tags), tags.length, to)
