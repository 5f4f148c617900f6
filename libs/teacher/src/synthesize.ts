import { mentionsOf } from "#bio"

/** A sentence as the synthesize prompt writes it: tokens and their BIO tags, as many of each. */
export interface TaggedSentence {
  readonly tokens: ReadonlyArray<string>
  readonly tags: ReadonlyArray<string>
}

/** The most data points one answer holds: the rule is cheap, but a request must not make the server build millions. */
export const maxDataPoints = 1000

/**
 * The teacher's stand-in for few-shot generation, a fixed rule rather than new text: data point `j` (from 0) copies
 * example `j mod m` and replaces each of its mentions by another mention of the same type from the examples. The
 * mentions of a type, in order of example and position, form a ring; a mention at place `p` of its ring takes the
 * tokens of the one at `p + r`, where `r = floor(j / m) + 1` grows each round through the examples, and is tagged
 * `B-TYPE` then `I-TYPE`. A type with one mention (or a round where `r` is a multiple of its ring's size) keeps its
 * own, so a data point may equal its example.
 */
export const synthesize = (examples: ReadonlyArray<TaggedSentence>, count: number): Array<TaggedSentence> => {
  const mentions = examples.map((example) => mentionsOf(example.tags))
  const rings = new Map<string, Array<ReadonlyArray<string>>>()
  const places = mentions.map((found, index) =>
    found.map((mention) => {
      const ring = rings.get(mention.type) ?? []
      rings.set(mention.type, ring)
      ring.push(examples[index].tokens.slice(mention.start, mention.end))
      return ring.length - 1
    })
  )
  return Array.from({ length: count }, (_, j) => {
    const index = j % examples.length
    const round = Math.floor(j / examples.length) + 1
    const { tokens, tags } = examples[index]
    const point = { tokens: [] as Array<string>, tags: [] as Array<string> }
    let position = 0
    mentions[index].forEach((mention, k) => {
      point.tokens.push(...tokens.slice(position, mention.start))
      point.tags.push(...tags.slice(position, mention.start))
      const ring = rings.get(mention.type) ?? []
      const replacement = ring[(places[index][k] + round) % ring.length]
      point.tokens.push(...replacement)
      point.tags.push(...replacement.map((_, t) => `${t === 0 ? "B" : "I"}-${mention.type}`))
      position = mention.end
    })
    point.tokens.push(...tokens.slice(position))
    point.tags.push(...tags.slice(position))
    return point
  })
}
