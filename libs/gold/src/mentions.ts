import { mentionsOf } from "#bio"
import type { GoldMention } from "./GoldSentence.ts"

/** The mentions of a valid tag sequence, placed in the text by the code point span of each token. */
export const placeMentions = (
  tags: ReadonlyArray<string>,
  spans: ReadonlyArray<{ readonly start: number; readonly end: number }>
): Array<GoldMention> =>
  mentionsOf(tags).map(({ start, end, type }) => ({
    start: spans[start].start,
    end: spans[end - 1].end,
    type
  }))
