import type { Span } from "#schema"
import { codePointLength, sliceCodePoints } from "#text"
import type { Token } from "./tokens.ts"

/** A span a format could not carry, with its text and why, for the caller to count and name. */
export interface SpanLoss {
  readonly span: Span
  /** The span's text in the sentence ("" when its offsets lie outside it). */
  readonly mention: string
  readonly reason: string
}

/** A span placed on tokens: the first and last token it covers, by index. */
export interface Placed {
  readonly span: Span
  readonly first: number
  readonly last: number
}

const side = (tokens: ReadonlyArray<Token>, offset: number, edge: "start" | "end"): string => {
  const inside = tokens.find((token) => token.start < offset && offset < token.end)
  return inside === undefined
    ? `its ${edge} ${offset} is no token's ${edge} (it lies in white space)`
    : `its ${edge} ${offset} falls inside the token '${inside.text}' (${inside.start}-${inside.end})`
}

/**
 * Places each span on the tokens whose edges it shares, never moving an offset: a span whose start is no token's
 * start or whose end is no token's end is lost, with the reason.
 */
export const placeSpans = (
  text: string,
  tokens: ReadonlyArray<Token>,
  spans: ReadonlyArray<Span>
): { placed: Array<Placed>; lost: Array<SpanLoss> } => {
  const firsts = new Map(tokens.map((token, index) => [token.start, index]))
  const lasts = new Map(tokens.map((token, index) => [token.end, index]))
  const length = codePointLength(text)
  const placed: Array<Placed> = []
  const lost: Array<SpanLoss> = []
  for (const span of spans) {
    const first = firsts.get(span.start)
    const last = lasts.get(span.end)
    if (first !== undefined && last !== undefined && first <= last) {
      placed.push({ span, first, last })
      continue
    }
    const reason = span.start >= span.end
      ? `it is empty (start ${span.start}, end ${span.end})`
      : span.start < 0 || span.end > length
      ? `it lies outside the sentence of ${length} code points`
      : first === undefined
      ? side(tokens, span.start, "start")
      : side(tokens, span.end, "end")
    lost.push({ span, mention: mentionOf(text, span), reason })
  }
  return { placed, lost }
}

/** The text a span covers; "" for one outside the text, which has none. */
export const mentionOf = (text: string, span: Span): string =>
  span.start >= 0 && span.start <= span.end && span.end <= codePointLength(text)
    ? sliceCodePoints(text, span.start, span.end)
    : ""
