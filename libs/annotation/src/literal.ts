/**
 * A tolerant reader for the Python and JSON literals that LLMs write: strings in single, double or curly double
 * quotes with backslash escapes, lists, tuples, objects (dicts) and bare words (numbers, `None`, `true`, ...).
 * It reports whether the input ended inside a value, so that callers can tell a cut answer from a broken one.
 */

export type Literal =
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "word"; readonly text: string }
  | { readonly kind: "sequence"; readonly items: ReadonlyArray<Literal> }
  | { readonly kind: "object"; readonly entries: ReadonlyArray<readonly [string, Literal]> }

/**
 * `complete`: a whole value ending at `end`. `cut`: the input ended inside the value; `partial` holds the
 * container read so far with only its complete children (null for a cut string or word). `invalid`: a syntax error.
 */
export type Read =
  | { readonly kind: "complete"; readonly literal: Literal; readonly end: number }
  | { readonly kind: "cut"; readonly partial: Literal | null }
  | { readonly kind: "invalid"; readonly at: number }

const closingQuote: Readonly<Record<string, string>> = { '"': '"', "'": "'", "\u201c": "\u201d" }
const closingBracket: Readonly<Record<string, string>> = { "(": ")", "[": "]", "{": "}" }
const word = /[\p{L}\p{N}_.+-]+/uy
const space = /\s*/y
/** Deeper nesting than this is a degenerate answer, not a mention list; refusing it bounds the recursion. */
const maxDepth = 32

export const isQuote = (char: string | undefined): boolean => char !== undefined && Object.hasOwn(closingQuote, char)

export const isBracket = (char: string | undefined): boolean =>
  char !== undefined && Object.hasOwn(closingBracket, char)

export const closerOf = (opener: string): string | undefined => closingBracket[opener]

const skipSpace = (source: string, position: number): number => {
  space.lastIndex = position
  space.exec(source)
  return space.lastIndex
}

/** Reads one literal starting at `position` (leading white space allowed). */
export const readLiteral = (source: string, position: number): Read => readValue(source, position, 0)

const readValue = (source: string, position: number, depth: number): Read => {
  const start = skipSpace(source, position)
  if (start >= source.length) return { kind: "cut", partial: null }
  const char = source[start]
  if (isQuote(char)) return readString(source, start)
  if (isBracket(char)) {
    if (depth >= maxDepth) return { kind: "invalid", at: start }
    return char === "{" ? readObject(source, start, depth) : readSequence(source, start, depth)
  }
  word.lastIndex = start
  const match = word.exec(source)
  if (match === null) return { kind: "invalid", at: start }
  if (word.lastIndex >= source.length) return { kind: "cut", partial: null }
  return { kind: "complete", literal: { kind: "word", text: match[0] }, end: word.lastIndex }
}

const readString = (source: string, start: number): Read => {
  const quote = closingQuote[source[start]]
  let value = ""
  let position = start + 1
  while (position < source.length) {
    const char = source[position]
    if (char === quote) return { kind: "complete", literal: { kind: "string", value }, end: position + 1 }
    // A raw line break means a quote went astray; stopping here lets the caller resynchronise on the next line.
    if (char === "\n") return { kind: "invalid", at: position }
    if (char !== "\\") {
      value += char
      position += 1
      continue
    }
    if (position + 1 >= source.length) break
    const escape = readEscape(source, position + 1)
    value += escape.text
    position = escape.end
  }
  return { kind: "cut", partial: null }
}

const simpleEscapes: Readonly<Record<string, string>> = {
  n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", "0": "\0", "\\": "\\", "'": "'", '"': '"', "/": "/", "\n": ""
}
const hexDigits: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 }

/** Python and JSON escapes; an unknown escape keeps its backslash, as Python does. */
const readEscape = (source: string, position: number): { readonly text: string; readonly end: number } => {
  const char = source[position]
  const simple = simpleEscapes[char]
  if (simple !== undefined) return { text: simple, end: position + 1 }
  const digits = hexDigits[char]
  if (digits !== undefined) {
    const hex = source.slice(position + 1, position + 1 + digits)
    const code = Number.parseInt(hex, 16)
    if (hex.length === digits && /^[0-9a-fA-F]+$/.test(hex) && code <= 0x10ffff) {
      return { text: String.fromCodePoint(code), end: position + 1 + digits }
    }
  }
  return { text: `\\${char}`, end: position + 1 }
}

const readSequence = (source: string, start: number, depth: number): Read => {
  const closer = closingBracket[source[start]]
  const items: Array<Literal> = []
  let position = skipSpace(source, start + 1)
  while (true) {
    if (position >= source.length) return { kind: "cut", partial: { kind: "sequence", items } }
    if (source[position] === closer) return { kind: "complete", literal: { kind: "sequence", items }, end: position + 1 }
    const item = readValue(source, position, depth + 1)
    if (item.kind === "invalid") return item
    if (item.kind === "cut") return { kind: "cut", partial: { kind: "sequence", items } }
    items.push(item.literal)
    position = skipSpace(source, item.end)
    if (source[position] === ",") position = skipSpace(source, position + 1)
    else if (position < source.length && source[position] !== closer) return { kind: "invalid", at: position }
  }
}

const readObject = (source: string, start: number, depth: number): Read => {
  const entries: Array<readonly [string, Literal]> = []
  const partial = (): Read => ({ kind: "cut", partial: { kind: "object", entries } })
  let position = skipSpace(source, start + 1)
  while (true) {
    if (position >= source.length) return partial()
    if (source[position] === "}") return { kind: "complete", literal: { kind: "object", entries }, end: position + 1 }
    const key = readValue(source, position, depth + 1)
    if (key.kind === "invalid") return key
    if (key.kind === "cut") return partial()
    if (key.literal.kind !== "string" && key.literal.kind !== "word") return { kind: "invalid", at: position }
    position = skipSpace(source, key.end)
    if (position >= source.length) return partial()
    if (source[position] !== ":") return { kind: "invalid", at: position }
    const value = readValue(source, position + 1, depth + 1)
    if (value.kind === "invalid") return value
    if (value.kind === "cut") return partial()
    entries.push([key.literal.kind === "string" ? key.literal.value : key.literal.text, value.literal])
    position = skipSpace(source, value.end)
    if (source[position] === ",") position = skipSpace(source, position + 1)
    else if (position < source.length && source[position] !== "}") return { kind: "invalid", at: position }
  }
}

const words: Readonly<Record<string, unknown>> = {
  true: true, True: true, false: false, False: false, null: null, None: null
}

/**
 * The plain value of a literal, for decoding with `Schema`: sequences become arrays, objects plain objects, and
 * bare words numbers, booleans or null; any other bare word becomes `undefined`, which no schema for text accepts.
 */
export const toPlain = (literal: Literal): unknown => {
  switch (literal.kind) {
    case "string":
      return literal.value
    case "word": {
      if (Object.hasOwn(words, literal.text)) return words[literal.text]
      const number = Number(literal.text)
      return Number.isNaN(number) ? undefined : number
    }
    case "sequence":
      return literal.items.map(toPlain)
    case "object":
      return Object.fromEntries(literal.entries.map(([key, value]) => [key, toPlain(value)]))
  }
}
