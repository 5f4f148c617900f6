import type { GlinerLine, Span } from "#schema"
import type { Writing } from "#text"
import { placeSpans, type SpanLoss } from "./internal/place.ts"
import type { SpannedText } from "./internal/sentence.ts"
import { tokensOf } from "./internal/tokens.ts"

/**
 * A sentence record in GLiNER's format, English labels as they are. The tokens are the sentence's words (#text)
 * with the punctuation on their edges split off, and the punctuation between them. A span that does not start and
 * end at token edges cannot be written: it is left out and returned in `unexpressed`, with the reason, never
 * moved to the nearest edges.
 */
export const toGliner = (
  record: SpannedText,
  writing: Writing
): { readonly gliner: GlinerLine; readonly unexpressed: ReadonlyArray<SpanLoss> } => {
  const tokens = tokensOf(record.text, writing)
  const { placed, lost } = placeSpans(record.text, tokens, record.char_spans)
  return {
    gliner: {
      tokenized_text: tokens.map((token) => token.text),
      ner: placed.map(({ span, first, last }) => [first, last, span.label] as const)
    },
    unexpressed: lost
  }
}

/**
 * The character spans (code points, end exclusive) of a GLiNER record made from `text` by `toGliner`. Token
 * indices need the tokens' places in the text, which the record does not hold: they are found again, and a record
 * whose tokens are not the text's is a caller's bug.
 */
export const fromGliner = (text: string, gliner: GlinerLine, writing: Writing): Array<Span> => {
  const tokens = tokensOf(text, writing)
  const written = gliner.tokenized_text
  if (written.length !== tokens.length || written.some((token, index) => token !== tokens[index].text)) {
    throw new RangeError(`the GLiNER tokens ${JSON.stringify(written)} are not the tokens of ${JSON.stringify(text)}`)
  }
  return gliner.ner.map(([first, last, label]) => {
    if (!(Number.isInteger(first) && Number.isInteger(last) && 0 <= first && first <= last && last < tokens.length)) {
      throw new RangeError(`GLiNER span [${first}, ${last}, ${label}] is outside ${tokens.length} tokens`)
    }
    return { start: tokens[first].start, end: tokens[last].end, label }
  })
}
