import { answerRegions } from "./answer.ts"
import { readLiteral, type Literal } from "./literal.ts"

/**
 * The first object literal in an answer (fenced blocks first): `complete`, `cut` with the entries read before the
 * answer ended, or `missing` when no object could be read.
 */
export type FoundObject =
  | { readonly kind: "complete"; readonly object: Literal & { kind: "object" } }
  | { readonly kind: "cut"; readonly object: Literal & { kind: "object" } }
  | { readonly kind: "missing" }

export const findObject = (answer: string): FoundObject => {
  let cut: FoundObject | null = null
  for (const region of answerRegions(answer)) {
    for (let start = region.indexOf("{"); start !== -1; start = region.indexOf("{", start + 1)) {
      const read = readLiteral(region, start)
      if (read.kind === "complete" && read.literal.kind === "object") return { kind: "complete", object: read.literal }
      if (read.kind === "cut" && read.partial?.kind === "object") cut ??= { kind: "cut", object: read.partial }
    }
  }
  return cut ?? { kind: "missing" }
}
