import type { JudgedMention } from "#schema"
import { Result } from "effect"

type Pair = typeof JudgedMention.Type

const quote = (text: string) =>
  `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t")}"`

/** A Python-style list of (mention, label) tuples: `[("Kenya", "country"), ("March", "month")]`, `[]` when empty. */
export const formatTuples = (pairs: ReadonlyArray<Pair>): string =>
  `[${pairs.map(({ label, mention }) => `(${quote(mention)}, ${quote(label)})`).join(", ")}]`

const escapes: Record<string, string> = { n: "\n", r: "\r", t: "\t", "\\": "\\", '"': '"', "'": "'" }

/**
 * Reads a Python-style list of 2-tuples of strings (double or single quoted, backslash escapes, optional trailing
 * commas), as `formatTuples` writes it. Fails with a message naming the character offset where reading stopped.
 */
export const parseTuples = (text: string): Result.Result<Array<Pair>, string> => {
  let at = 0
  const fail = (expected: string) => Result.fail(`expected ${expected} at character ${at} of the annotations`)
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at])) at++
  }
  const take = (token: string) => {
    skipSpace()
    if (text.startsWith(token, at)) {
      at += token.length
      return true
    }
    return false
  }
  const readString = (): string | undefined => {
    skipSpace()
    const opening = text[at]
    if (opening !== '"' && opening !== "'") return undefined
    let value = ""
    for (at++; at < text.length; at++) {
      const character = text[at]
      if (character === opening) {
        at++
        return value
      }
      if (character === "\\") {
        at++
        const escaped = text[at]
        if (escaped === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) {
          value += String.fromCharCode(parseInt(text.slice(at + 1, at + 5), 16))
          at += 4
        } else if (escaped !== undefined && escapes[escaped] !== undefined) {
          value += escapes[escaped]
        } else {
          return undefined
        }
      } else {
        value += character
      }
    }
    return undefined
  }

  if (!take("[")) return fail("'['")
  const pairs: Array<Pair> = []
  while (!take("]")) {
    if (!take("(")) return fail("'(' or ']'")
    const mention = readString()
    if (mention === undefined) return fail("a quoted mention")
    if (!take(",")) return fail("','")
    const label = readString()
    if (label === undefined) return fail("a quoted label")
    take(",")
    if (!take(")")) return fail("')'")
    pairs.push({ mention, label })
    if (!take(",")) {
      if (!take("]")) return fail("',' or ']'")
      break
    }
  }
  skipSpace()
  return at === text.length ? Result.succeed(pairs) : fail("the end")
}
