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

/**
 * A cached entry as a caller sees it: why its answer is unusable to the caller (null when usable), and whether it is
 * final, usable or stored rejected once its attempts were spent; one that is not is asked again.
 */
export const storedVerdict = (
  entry: { readonly answer: { readonly content: string; readonly finishReason: string | null }; readonly rejected: string | null },
  accept: Accept | undefined
): { readonly reason: string | null; readonly final: boolean } => {
  const reason = unusable(entry.answer, accept)
  return { reason, final: reason === null || entry.rejected !== null }
}

/**
 * The healing rule after the `attempt`-th answer to a request, unusable for `reason` (null: usable): null when it is
 * to be stored as it is (usable, or `answerRetries` spent), else the token budget to ask again with (larger after a
 * truncation). The online client and batch mode both follow it.
 */
export const nextBudget = (
  reason: string | null,
  attempt: number,
  maxTokens: number,
  limits: { readonly answerRetries: number; readonly maxTokensCap: number }
): number | null =>
  reason === null || attempt > limits.answerRetries
    ? null
    : reason === "truncated"
    ? largerBudget(maxTokens, limits.maxTokensCap)
    : maxTokens

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
