import { tagsOf, type TokenMention } from "#bio"
import { atWordBoundary, type TextSpan, utf16Index, wordSpans, type Writing } from "#text"
import type { DataPoint } from "./parse.ts"
import { drawBySeed } from "../draw.ts"

/** A gold sentence as far as examples need it: mentions in code points, end exclusive. */
export interface ExampleSource {
  readonly id: string
  readonly text: string
  readonly mentions: ReadonlyArray<{ readonly start: number; readonly end: number; readonly type: string }>
}

/** The sentences that can be shown as examples, and what could not be. */
export interface ExamplePool {
  readonly examples: ReadonlyArray<{ readonly id: string; readonly point: DataPoint }>
  /** Mentions that start or end inside a word (or outside every word), so that no token's tag can say them. */
  readonly offBoundaryMentions: number
  /** Sentences left out: without words, or with an off-boundary mention (shown without it, it would teach O). */
  readonly sentencesLeftOut: number
}

/**
 * The gold sentences as tokens and BIO tags. Tokens are the words of `#text` (white space or ICU's segmenter, as the
 * language is written) and the punctuation between them, each cut where a mention starts or ends inside it at a word
 * boundary ("Paris." into "Paris" and "."); in scripts written without spaces every such cut is taken, since ICU's
 * words there are a guess the gold annotation overrules. Tags are `#bio`'s BIO encoding of the mentions.
 */
export const examplePool = (sentences: ReadonlyArray<ExampleSource>, writing: Writing): ExamplePool => {
  const examples: Array<{ id: string; point: DataPoint }> = []
  let offBoundaryMentions = 0
  for (const sentence of sentences) {
    const { text } = sentence
    // In UTF-16 units, as the words are.
    const spans = sentence.mentions.map((mention) => ({
      start: utf16Index(text, mention.start),
      end: utf16Index(text, mention.end),
      type: mention.type
    }))
    const cuts = new Set(spans.flatMap((span) => [span.start, span.end]))
    const words = tokenSpans(text, writing).flatMap((word) =>
      cutWord(word, [...cuts].filter((cut) => writing.words === "segmenter" || atWordBoundary(text, cut)))
    )
    const mentions: Array<TokenMention> = []
    for (const span of spans) {
      const start = words.findIndex((word) => word.start === span.start)
      const last = words.findIndex((word) => word.end === span.end)
      if (start === -1 || last < start) offBoundaryMentions += 1
      else mentions.push({ start, end: last + 1, type: span.type })
    }
    if (words.length > 0 && mentions.length === spans.length) {
      const tokens = words.map((word) => text.slice(word.start, word.end))
      examples.push({ id: sentence.id, point: { tokens, tags: tagsOf(mentions, words.length, "BIO") } })
    }
  }
  return { examples, offBoundaryMentions, sentencesLeftOut: sentences.length - examples.length }
}

/**
 * The words of a text and the runs of other characters between them that are not white space: the punctuation a
 * CoNLL file keeps as tokens (a set read from one has its tokens joined by spaces for text).
 */
const tokenSpans = (text: string, writing: Writing): Array<TextSpan> => {
  const spans: Array<TextSpan> = []
  let position = 0
  for (const word of [...wordSpans(text, writing), { start: text.length, end: text.length }]) {
    for (const run of text.slice(position, word.start).matchAll(/\S+/gu)) {
      spans.push({ start: position + run.index, end: position + run.index + run[0].length })
    }
    if (word.end > word.start) spans.push(word)
    position = word.end
  }
  return spans
}

/** A word cut at the given indices that lie strictly inside it. */
const cutWord = (word: TextSpan, cuts: ReadonlyArray<number>): Array<TextSpan> => {
  const inside = cuts.filter((cut) => cut > word.start && cut < word.end).sort((a, b) => a - b)
  const edges = [word.start, ...inside, word.end]
  return inside.length === 0 ? [word] : edges.slice(1).map((end, index) => ({ start: edges[index], end }))
}

/** The `m` examples of call `call`: the pool ranked by `sha256(seed:call:id)`, so each call draws its own. */
export const chooseExamples = (
  pool: ExamplePool["examples"],
  seed: string,
  call: number,
  m: number
): ReadonlyArray<DataPoint> =>
  drawBySeed(pool, (example) => example.id, `${seed}:${call}`, m).map(({ point }) => point)

/** The examples as the prompt shows them: one `{"tokens": [...], "tags": [...]}` a line. */
export const exampleLines = (examples: ReadonlyArray<DataPoint>): string =>
  examples.map(({ tokens, tags }) => JSON.stringify({ tokens, tags })).join("\n")
