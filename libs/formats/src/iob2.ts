import { mentionsOf, tagsOf } from "#bio"
import type { Span } from "#schema"
import type { Writing } from "#text"
import { mentionOf, type Placed, placeSpans, type SpanLoss } from "./internal/place.ts"
import type { SpannedText } from "./internal/sentence.ts"
import { tokensOf } from "./internal/tokens.ts"

/**
 * A label as the type of an IOB2 tag: every white-space character becomes `_` ("football club" ->
 * `B-football_club`), since a `token TAG` line splits its columns on white space. `fromIob2` maps a type back
 * through the label set.
 */
export const conllType = (label: string): string => label.replace(/\s/gu, "_")

/** A sentence in IOB2: one tag a token, as #bio's `writeConll` takes it. */
export interface Iob2Sentence {
  readonly tokens: ReadonlyArray<string>
  readonly tags: ReadonlyArray<string>
}

/**
 * A sentence record in IOB2 (#bio's BIO: every mention opens with B-), on the same tokens as `toGliner`. A span
 * off the token edges, or one overlapping a span before it (one tag a token holds one mention), cannot be written:
 * it is left out and returned in `unexpressed` with the reason, never moved.
 */
export const toIob2 = (
  record: SpannedText,
  writing: Writing
): Iob2Sentence & { readonly unexpressed: ReadonlyArray<SpanLoss> } => {
  const tokens = tokensOf(record.text, writing)
  const { placed, lost } = placeSpans(record.text, tokens, record.char_spans)
  const kept: Array<Placed> = []
  for (const place of [...placed].sort((a, b) => a.first - b.first)) {
    const before = kept.find((other) => other.first <= place.last && place.first <= other.last)
    if (before === undefined) {
      kept.push(place)
    } else {
      const { start, end, label } = before.span
      lost.push({
        span: place.span,
        mention: mentionOf(record.text, place.span),
        reason: `it overlaps the span ${start}-${end} '${label}', and IOB2 gives a token one mention`
      })
    }
  }
  const mentions = kept.map(({ span, first, last }) => ({ start: first, end: last + 1, type: conllType(span.label) }))
  return { tokens: tokens.map((token) => token.text), tags: tagsOf(mentions, tokens.length, "BIO"), unexpressed: lost }
}

/**
 * The character spans (code points, end exclusive) of an IOB2 sentence made from `text` by `toIob2`, read as
 * #bio's `mentionsOf` reads tags. A tag's type becomes the one label of `labels` written that way; a type no
 * label, or several, is written as (`a b` and `a_b` both present) stays as it is. Tokens that are not the
 * text's are a caller's bug.
 */
export const fromIob2 = (
  text: string,
  sentence: Iob2Sentence,
  writing: Writing,
  labels: Iterable<string>
): Array<Span> => {
  const tokens = tokensOf(text, writing)
  const written = sentence.tokens
  if (written.length !== tokens.length || written.some((token, index) => token !== tokens[index].text)) {
    throw new RangeError(`the IOB2 tokens ${JSON.stringify(written)} are not the tokens of ${JSON.stringify(text)}`)
  }
  const byType = new Map<string, Array<string>>()
  for (const label of new Set(labels)) byType.set(conllType(label), [...(byType.get(conllType(label)) ?? []), label])
  const labelOf = (type: string): string => {
    const found = byType.get(type)
    return found?.length === 1 ? found[0] : type
  }
  return mentionsOf(sentence.tags).map((mention) => ({
    start: tokens[mention.start].start,
    end: tokens[mention.end - 1].end,
    label: labelOf(mention.type)
  }))
}
