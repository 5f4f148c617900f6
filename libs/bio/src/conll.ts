import { Result } from "effect"
import { InvalidConll, MalformedConll } from "./errors.ts"
import { type RepairMethod, repair } from "./repair.ts"
import { type Encoding, isTag } from "./tag.ts"
import { validate } from "./validate.ts"

/** A sentence of a `token TAG` file; `lines` holds the 1-based line of each token. */
export interface ConllSentence {
  readonly tokens: ReadonlyArray<string>
  readonly tags: ReadonlyArray<string>
  readonly lines: ReadonlyArray<number>
}

/**
 * Reads `token TAG` text: one token a line, its columns split on one space or one tab, the token the first
 * column and the tag the last, a blank (or white-space-only) line between sentences. CRLF line endings and a
 * leading byte-order mark are accepted. Every token line must have as many columns as the first, at least two,
 * none empty, and end in a tag shaped O, B-X, I-X, E-X or S-X; the first line that does not is the error.
 */
export const parseConll = (text: string, file: string): Result.Result<Array<ConllSentence>, MalformedConll> => {
  const sentences: Array<ConllSentence> = []
  let sentence = { tokens: new Array<string>(), tags: new Array<string>(), lines: new Array<number>() }
  let width: { readonly columns: number; readonly line: number } | null = null
  const lines = text.replace(/^\uFEFF/, "").split("\n")
  for (const [index, raw] of lines.entries()) {
    const line = index + 1
    const content = raw.endsWith("\r") ? raw.slice(0, -1) : raw
    if (content.trim() === "") {
      if (sentence.tokens.length > 0) sentences.push(sentence)
      sentence = { tokens: [], tags: [], lines: [] }
      continue
    }
    const columns = content.split(/[ \t]/)
    const malformed = (reason: string) => Result.fail(new MalformedConll({ file, line, reason }))
    if (columns.length < 2) return malformed(`one column only, where a token and its tag are expected`)
    if (columns.some((column) => column === "")) {
      return malformed(`empty column (two separators in a row, or one at the start or end of the line)`)
    }
    width ??= { columns: columns.length, line }
    if (columns.length !== width.columns) {
      return malformed(`${columns.length} columns where line ${width.line} has ${width.columns}`)
    }
    const tag = columns[columns.length - 1]
    if (!isTag(tag)) return malformed(`tag '${tag}' is not O, B-X, I-X, E-X or S-X`)
    sentence.tokens.push(columns[0])
    sentence.tags.push(tag)
    sentence.lines.push(line)
  }
  if (sentence.tokens.length > 0) sentences.push(sentence)
  return Result.succeed(sentences)
}

/** `token TAG` text: one token a line, a single space before its tag, a blank line after every sentence. */
export const writeConll = (
  sentences: ReadonlyArray<{ tokens: ReadonlyArray<string>; tags: ReadonlyArray<string> }>
): string =>
  sentences
    .filter((sentence) => sentence.tokens.length > 0)
    .map((sentence) => {
      if (sentence.tags.length !== sentence.tokens.length) {
        throw new RangeError(`${sentence.tokens.length} tokens but ${sentence.tags.length} tags`)
      }
      return sentence.tokens.map((token, index) => `${token} ${sentence.tags[index]}\n`).join("") + "\n"
    })
    .join("")

/**
 * Validates every sentence of a file in the encoding, as SeqScore does before scoring. Without a repair method
 * the first invalid transition is the error; with one, invalid sentences are repaired and `repaired` counts the
 * invalid transitions found in the whole file.
 */
export const checkConll = (
  sentences: ReadonlyArray<ConllSentence>,
  file: string,
  encoding: Encoding,
  repairMethod: RepairMethod | null
): Result.Result<{ sentences: Array<ConllSentence>; repaired: number }, InvalidConll> => {
  const checked: Array<ConllSentence> = []
  let repaired = 0
  for (const sentence of sentences) {
    const invalid = validate(sentence.tags, encoding)
    if (invalid.length === 0) {
      checked.push(sentence)
    } else if (repairMethod === null) {
      const { index, from, to } = invalid[0]
      const atEnd = index === sentence.tags.length
      const token = atEnd ? index - 1 : index
      return Result.fail(
        new InvalidConll({ file, line: sentence.lines[token], token: sentence.tokens[token], from, to, atEnd })
      )
    } else {
      const mended = repair(sentence.tags, encoding, repairMethod)
      checked.push({ ...sentence, tags: mended.tags })
      repaired += mended.repaired
    }
  }
  return Result.succeed({ sentences: checked, repaired })
}
