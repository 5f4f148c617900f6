import { type Chunk, chunks, tagsOf } from "./mentions.ts"
import type { Encoding } from "./tag.ts"
import { validate } from "./validate.ts"

/**
 * How to mend a sentence that fails validation, named as in SeqScore's `--repair-method`:
 * - `conlleval`: keep every mention conlleval.pl would read (see mentionsOf): an I- that may not continue what
 *   comes before it opens a new mention (BIO: it becomes B-; IOB: a B- that may not be there becomes I-).
 * - `discard`: drop every mention whose tags are not well formed: in BIO one that opens with I- (the invalid I-
 *   and the I- tags continuing it become O, as SeqScore does); in IOB one that opens with B- where no mention of
 *   its type ends right before; in BIOES one that is not B- I-* E- or a lone S-.
 * SeqScore repairs BIO both ways and IOB with conlleval only, and has no BIOES repair; the other cases extend
 * the same two ideas.
 */
export type RepairMethod = "conlleval" | "discard"

/**
 * A valid sequence of the encoding that keeps what it can of the tags. `repaired` counts the invalid transitions
 * found, which is what SeqScore reports: one invalid I- that discard turns into three O tags counts once.
 */
export const repair = (
  tags: ReadonlyArray<string>,
  encoding: Encoding,
  method: RepairMethod
): { readonly tags: Array<string>; readonly repaired: number } => {
  const repaired = validate(tags, encoding).length
  if (repaired === 0) return { tags: [...tags], repaired }
  const found = chunks(tags)
  const kept = method === "conlleval" ? found : found.filter((chunk) => wellFormed(chunk, tags, encoding))
  return { tags: tagsOf(kept, tags.length, encoding), repaired }
}

const wellFormed = (chunk: Chunk, tags: ReadonlyArray<string>, encoding: Encoding): boolean => {
  const [first, ...rest] = chunk.states
  switch (encoding) {
    case "BIO":
      return first === "B" && rest.every((state) => state === "I")
    case "IOB":
      return (first === "I" || (first === "B" && followsSameType(chunk, tags))) && rest.every((state) => state === "I")
    case "BIOES":
      if (chunk.states.length === 1) return first === "S"
      return first === "B" && rest.at(-1) === "E" && rest.slice(0, -1).every((state) => state === "I")
  }
}

// The tag before the chunk is B- or I- of the chunk's type: chunks split there only because the chunk opens with B-.
const followsSameType = (chunk: Chunk, tags: ReadonlyArray<string>): boolean => {
  const before = tags[chunk.start - 1]
  return before === `B-${chunk.type}` || before === `I-${chunk.type}`
}
