import { Effect, Schema, SchemaIssue } from "effect"
import { type CorpusDocument, CorpusRow, documentFromRow } from "./Document.ts"
import { MalformedCorpusRow } from "./errors.ts"

const formatIssue = SchemaIssue.makeFormatterStandardSchemaV1()

/** What is wrong with a row, in a few words: `corpus row without text`, `corpus row with invalid url (...)`. */
export const describeRowIssue = (issue: SchemaIssue.Issue, row: unknown): string => {
  const first = formatIssue(issue).issues[0]
  const field = first?.path?.[0]
  if (field === undefined) {
    return "corpus row is not an object"
  }
  const name = String(typeof field === "object" ? field.key : field)
  const value = (row as Record<string, unknown>)[name]
  return value === undefined || value === null || value === ""
    ? `corpus row without ${name}`
    : `corpus row with invalid ${name} (${first.message})`
}

const decode = Schema.decodeUnknownEffect(CorpusRow)

/** Decodes one row found at `location` (`<file>:<line>` or `<file> row <n>`). */
export const decodeRow = (row: unknown, location: string): Effect.Effect<CorpusDocument, MalformedCorpusRow> =>
  decode(row).pipe(
    Effect.map(documentFromRow),
    Effect.mapError((error) => new MalformedCorpusRow({ location, problem: describeRowIssue(error.issue, row) }))
  )

/** Parses and decodes one JSONL line. */
export const decodeJsonLine = (line: string, location: string): Effect.Effect<CorpusDocument, MalformedCorpusRow> =>
  Effect.try({
    try: (): unknown => JSON.parse(line),
    catch: () => new MalformedCorpusRow({ location, problem: "corpus row is not valid JSON" })
  }).pipe(Effect.flatMap((row) => decodeRow(row, location)))
