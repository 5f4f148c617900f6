import { Result } from "effect"
import { type ConllSentence, parseConll } from "#bio"
import { codePointLength } from "#text"
import { MalformedGold } from "./errors.ts"
import type { GoldSentence } from "./GoldSentence.ts"
import { placeMentions } from "./mentions.ts"

/** Reads a MasakhaNER `token TAG` file with #bio's reader; `writeConll` of #bio writes it back. */
export const parseMasakhaner = (text: string, file: string): Result.Result<Array<ConllSentence>, MalformedGold> =>
  Result.mapError(parseConll(text, file), ({ line, reason }) => new MalformedGold({ file, line, reason }))

/**
 * Gold sentences of checked `token TAG` sentences (IOB2). The files hold no raw text, so a sentence's text is its
 * tokens joined by single spaces, and its id its 1-based position in the file.
 */
export const conllGold = (sentences: ReadonlyArray<ConllSentence>): Array<GoldSentence> =>
  sentences.map((sentence, index) => {
    const spans: Array<{ start: number; end: number }> = []
    let start = 0
    for (const token of sentence.tokens) {
      const end = start + codePointLength(token)
      spans.push({ start, end })
      start = end + 1
    }
    return {
      id: String(index + 1),
      text: sentence.tokens.join(" "),
      mentions: placeMentions(sentence.tags, spans),
      line: sentence.lines[0]
    }
  })
