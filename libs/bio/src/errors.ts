import { Schema } from "effect"

/** A line of a `token TAG` file that cannot be read; `line` counts from 1. */
export class MalformedConll extends Schema.TaggedError<MalformedConll>()("MalformedConll", {
  file: Schema.String,
  line: Schema.Number,
  reason: Schema.String
}) {
  override get message() {
    return `${this.file}: ${this.reason} on line ${this.line}`
  }
}

/**
 * A tag that may not follow the one before it, worded as SeqScore words it, the file first:
 * `invalid.bio: Invalid transition 'O' -> 'I-ORG' for token 'University' on line 7`. With `atEnd` the sentence
 * may not end after `token` (`to` is then the implied "O"), and the message says so as SeqScore does.
 */
export class InvalidConll extends Schema.TaggedError<InvalidConll>()("InvalidConll", {
  file: Schema.String,
  line: Schema.Number,
  token: Schema.String,
  from: Schema.String,
  to: Schema.String,
  atEnd: Schema.Boolean
}) {
  override get message() {
    const where = this.atEnd
      ? `after token ${quoted(this.token)} on line ${this.line} at end of sequence`
      : `for token ${quoted(this.token)} on line ${this.line}`
    return `${this.file}: Invalid transition ${quoted(this.from)} -> ${quoted(this.to)} ${where}`
  }
}

// Python's repr of a string, which SeqScore's messages use, for the characters a token can hold: single quotes
// unless the text holds one and no double quote; backslashes and the chosen quote escaped.
const quoted = (text: string): string => {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'"
  return quote + text.replaceAll("\\", "\\\\").replaceAll(quote, `\\${quote}`) + quote
}
