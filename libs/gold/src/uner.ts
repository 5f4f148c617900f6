import { Result } from "effect"
import type { ConllSentence } from "#bio"
import { codePointOffsets } from "#text"
import { MalformedGold } from "./errors.ts"

/**
 * A sentence of a Universal NER `.iob2` file: its comment lines (`# sent_id = ...`, `# text = ...`, `# newdoc ...`)
 * and its token rows as written, which is what writing it back needs, and what they say: the id, the text, each
 * token with its tag and line, and each token's place in the text in code points, end exclusive.
 */
export interface UnerSentence extends ConllSentence {
  readonly line: number
  readonly comments: ReadonlyArray<string>
  readonly rows: ReadonlyArray<ReadonlyArray<string>>
  readonly id: string
  readonly text: string
  readonly spans: ReadonlyArray<{ readonly start: number; readonly end: number }>
}

const columns = ["index", "token", "tag", "-", "annotator"]
// UNER tags are IOB2 over capital-letter types (PER, LOC, ORG, OTH); #bio validates the transitions, this the
// shape, which is stricter than #bio's so that a column of nested annotations ("B-PER#O") is not read as tags.
const iob2Tag = /^(O|[BI]-[A-Z]+)$/

/** Reads a UNER file: sentences separated by blank lines, each its comment lines and then one row a token. */
export const parseUner = (text: string, file: string): Result.Result<Array<UnerSentence>, MalformedGold> => {
  const sentences: Array<UnerSentence> = []
  // Gold is matched to predictions by sentence id, so an id must not repeat.
  const seen = new Map<string, number>()
  let block: Array<{ readonly content: string; readonly line: number }> = []
  // The "" after the last line closes a last sentence that has no blank line after it.
  for (const [index, content] of [...text.split("\n"), ""].entries()) {
    if (content !== "") {
      block.push({ content, line: index + 1 })
      continue
    }
    if (block.length === 0) continue
    const sentence = parseSentence(block, file)
    if (Result.isFailure(sentence)) return Result.fail(sentence.failure)
    const { id, line } = sentence.success
    const first = seen.get(id)
    if (first !== undefined) {
      const reason = `sentence id '${id}' was already used on line ${first}`
      return Result.fail(new MalformedGold({ file, line, reason }))
    }
    seen.set(id, line)
    sentences.push(sentence.success)
    block = []
  }
  return Result.succeed(sentences)
}

const parseSentence = (
  block: ReadonlyArray<{ readonly content: string; readonly line: number }>,
  file: string
): Result.Result<UnerSentence, MalformedGold> => {
  const malformed = (line: number, reason: string) => Result.fail(new MalformedGold({ file, line, reason }))
  const comments: Array<string> = []
  const rows: Array<Array<string>> = []
  const lines: Array<number> = []
  let id: string | null = null
  let text: string | null = null
  for (const { content, line } of block) {
    if (content.startsWith("#")) {
      if (rows.length > 0) return malformed(line, "comment line after the token rows")
      comments.push(content)
      id ??= valueOf(content, "sent_id")
      text ??= valueOf(content, "text")
      continue
    }
    const row = content.split("\t")
    if (row.length !== columns.length) {
      const expected = `${columns.length} are expected (${columns.join(", ")})`
      return malformed(line, `${row.length} tab-separated columns where ${expected}`)
    }
    const [index, token, tag] = row
    const position = rows.length + 1
    if (index !== String(position)) return malformed(line, `token index '${index}' where ${position} is expected`)
    if (token === "") return malformed(line, "empty token")
    if (!iob2Tag.test(tag)) return malformed(line, `tag '${tag}' is not O, B-X or I-X (X in capital letters)`)
    rows.push(row)
    lines.push(line)
  }
  const start = block[0].line
  if (id === null) return malformed(start, "sentence without a '# sent_id = ' line")
  if (text === null) return malformed(start, "sentence without a '# text = ' line")
  if (rows.length === 0) return malformed(start, `empty sentence '${id}'`)
  const tokens = rows.map((row) => row[1])
  const tags = rows.map((row) => row[2])
  const spans = alignTokens(text, tokens)
  if (typeof spans === "number") {
    const reason = `token '${tokens[spans]}' is not in the '# text' line where the tokens before it end`
    return malformed(lines[spans], reason)
  }
  return Result.succeed({ line: start, comments, rows, id, text, tokens, tags, lines, spans })
}

const valueOf = (comment: string, key: string): string | null =>
  comment.startsWith(`# ${key} = `) ? comment.slice(key.length + 5) : null

/**
 * Each token's span in the text, found left to right by substring search from the end of the token before; only
 * white space may lie between them. The index of the first token not found that way, if one is not.
 */
const alignTokens = (
  text: string,
  tokens: ReadonlyArray<string>
): Array<{ readonly start: number; readonly end: number }> | number => {
  const offsets = codePointOffsets(text)
  const spans: Array<{ readonly start: number; readonly end: number }> = []
  let cursor = 0
  for (const [index, token] of tokens.entries()) {
    const start = text.indexOf(token, cursor)
    if (start < 0 || text.slice(cursor, start).trim() !== "") return index
    cursor = start + token.length
    spans.push({ start: offsets[start], end: offsets[cursor] })
  }
  return spans
}

/** A UNER file's text: every sentence's comment lines and rows as read, a blank line after each. */
export const writeUner = (sentences: ReadonlyArray<UnerSentence>): string =>
  sentences
    .map(({ comments, rows }) => [...comments, ...rows.map((row) => row.join("\t"))].join("\n") + "\n\n")
    .join("")
