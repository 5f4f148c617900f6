import { Result } from "effect"
import { codePointLength, sliceCodePoints } from "#text"
import { MalformedGold } from "./errors.ts"
import type { GoldMention, GoldSentence } from "./GoldSentence.ts"

/**
 * A ThaiNER file: one untokenised sentence or paragraph a line with inline `[TYPE]...[/TYPE]` tags, never nested.
 * `bom` and `finalNewline` keep what the text is framed by, so that writing it back gives the same bytes (ThaiNER
 * 1.5.1 starts with a byte-order mark and has no newline after its last line).
 */
export interface ThainerFile {
  readonly bom: boolean
  readonly sentences: ReadonlyArray<GoldSentence>
  readonly finalNewline: boolean
}

// The tag names of ThaiNER 1.5.1 are upper-case words (PERSON, T); other bracketed text is the sentence's own.
const tag = /\[(\/?)([A-Z]+)\]/g

/** Reads a ThaiNER file. A sentence's id is its line number, its text the line without tags. */
export const parseThainer = (text: string, file: string): Result.Result<ThainerFile, MalformedGold> => {
  const bom = text.startsWith("\uFEFF")
  const body = bom ? text.slice(1) : text
  const finalNewline = body.endsWith("\n")
  const lines = (finalNewline ? body.slice(0, -1) : body).split("\n")
  const sentences: Array<GoldSentence> = []
  for (const [index, raw] of lines.entries()) {
    const line = index + 1
    const sentence = parseLine(raw, line, file)
    if (Result.isFailure(sentence)) return Result.fail(sentence.failure)
    sentences.push(sentence.success)
  }
  return Result.succeed({ bom, sentences, finalNewline })
}

const parseLine = (raw: string, line: number, file: string): Result.Result<GoldSentence, MalformedGold> => {
  const malformed = (reason: string) => Result.fail(new MalformedGold({ file, line, reason }))
  let text = ""
  // Code points of `text` so far: mention offsets are code points, and counting per chunk keeps it one pass.
  let length = 0
  let open: { readonly type: string; readonly start: number } | null = null
  const mentions: Array<GoldMention> = []
  let cursor = 0
  for (const match of raw.matchAll(tag)) {
    const chunk = raw.slice(cursor, match.index)
    text += chunk
    length += codePointLength(chunk)
    cursor = match.index + match[0].length
    const [, closing, type] = match
    if (closing === "") {
      if (open !== null) return malformed(`[${type}] opens inside [${open.type}]: ThaiNER tags do not nest`)
      open = { type, start: length }
    } else if (open === null) {
      return malformed(`[/${type}] closes no open tag`)
    } else if (open.type !== type) {
      return malformed(`[/${type}] closes [${open.type}]`)
    } else if (open.start === length) {
      return malformed(`[${type}] encloses no text`)
    } else {
      mentions.push({ start: open.start, end: length, type })
      open = null
    }
  }
  if (open !== null) return malformed(`[${open.type}] is never closed`)
  text += raw.slice(cursor)
  if (text.trim() === "") return malformed("empty sentence")
  return Result.succeed({ id: String(line), text, mentions, line })
}

/** A ThaiNER file's text: each sentence with its mentions tagged inline, one a line. */
export const writeThainer = (thainer: ThainerFile): string => {
  const lines = thainer.sentences.map(({ text, mentions }) => {
    let written = ""
    let cursor = 0
    for (const { start, end, type } of mentions) {
      written += `${sliceCodePoints(text, cursor, start)}[${type}]${sliceCodePoints(text, start, end)}[/${type}]`
      cursor = end
    }
    return written + sliceCodePoints(text, cursor, codePointLength(text))
  })
  return (thainer.bom ? "\uFEFF" : "") + lines.join("\n") + (thainer.finalNewline ? "\n" : "")
}
