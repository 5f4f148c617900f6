import { Option } from "effect"

/**
 * The caller's verdict on an answer's text: none when it can use it, else the reason it cannot (e.g. "malformed"),
 * in the words its own counts use.
 */
export type Accept = (content: string) => Option.Option<string>

/**
 * Why an answer is unusable, or null when it is usable. An answer cut at the token limit is `truncated` (retried
 * with a larger budget) whatever its text; a blank one is `empty`; anything else is the caller's to judge.
 */
export const unusable = (
  answer: { readonly content: string; readonly finishReason: string | null },
  accept: Accept | undefined
): string | null => {
  if (answer.finishReason === "length") return "truncated"
  if (answer.content.trim() === "") return "empty"
  return accept === undefined ? null : Option.getOrNull(accept(answer.content))
}

/** The token budget of the next attempt after a truncated answer: doubled, never past `cap` nor below the current one. */
export const largerBudget = (current: number, cap: number): number => Math.max(current, Math.min(cap, current * 2))

/** One line, at most `max` characters: a server's text never carries its line breaks into our messages. */
export const oneLine = (text: string, max = 200): string => {
  const line = text.replace(/\s+/g, " ").trim()
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`
}

const looksLikeHtml = (text: string): boolean => /<(!doctype html|html|head|body|title)[\s>]/i.test(text)

/**
 * A server's body as one short line. An HTML page (a proxy's error page, a web UI at the wrong path) is named by its
 * `<title>`, never pasted, with the usual cause: a base URL without `/v1`.
 */
export const describeBody = (text: string): string => {
  if (!looksLikeHtml(text)) return oneLine(text)
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]
  const named = title === undefined || oneLine(title) === "" ? "" : ` titled "${oneLine(title, 80)}"`
  return `the server answered an HTML page${named}, not JSON: does the base URL end in /v1?`
}
