import { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai"
import { LlmHttpError, LlmUnreachable } from "./errors.ts"
import { describeBody, oneLine } from "./heal.ts"
import { retryAfterMillis } from "./retry.ts"
import { ProgressTimeout } from "./transport.ts"

/** Plain words for the socket error codes a dead or missing server gives. */
const reasons: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "DNS lookup failed",
  EAI_AGAIN: "DNS lookup failed",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ETIMEDOUT: "connection timed out",
  UND_ERR_SOCKET: "connection closed by the server"
}

/** The first `code` on the `cause` chain (fetch hides the socket error two levels down). */
const causeCode = (error: unknown): string | undefined => {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === "string") return code
    current = current.cause
  }
  return undefined
}

/**
 * The server's own message on one line: the SDK keeps `error.message` of an OpenAI-style body, else a
 * "<status> <text>" whose text may be a whole HTML page, which is only named.
 */
const serverMessage = (error: APIError, mask: (text: string) => string): string => {
  const body = error.error as { message?: unknown } | undefined
  // Masked before it is shortened, so that a cut never leaves part of a key.
  if (typeof body?.message === "string") return describeBody(mask(body.message))
  const text = error.message.replace(/^\d{3}\s+/, "")
  return text === "status code (no body)" ? "no body" : describeBody(mask(text))
}

/**
 * Turns what the openai SDK throws into our typed errors (with `retries: 0`; the caller fills in the count).
 * `mask` removes the API key from any text a server echoes back. Anything else the SDK throws (a malformed base
 * URL, say) also means the server cannot be reached, so it is reported as such with its own words.
 */
export const fromSdkError = (
  error: unknown,
  baseUrl: string,
  mask: (text: string) => string
): LlmUnreachable | LlmHttpError => {
  if (error instanceof ProgressTimeout) {
    return new LlmUnreachable({ baseUrl, reason: error.message, retries: 0, timeout: error.kind })
  }
  if (error instanceof APIConnectionTimeoutError) {
    return new LlmUnreachable({ baseUrl, reason: "timed out", retries: 0 })
  }
  if (error instanceof APIConnectionError) {
    const code = causeCode(error.cause)
    const reason = code === undefined ? oneLine(mask(error.message)) : (reasons[code] ?? code)
    return new LlmUnreachable({ baseUrl, reason, retries: 0 })
  }
  if (error instanceof APIError && typeof error.status === "number") {
    return new LlmHttpError({
      baseUrl,
      status: error.status,
      serverMessage: serverMessage(error, mask),
      retryAfterMillis: retryAfterMillis(error.headers) ?? null,
      retries: 0
    })
  }
  return new LlmUnreachable({
    baseUrl,
    reason: oneLine(mask(error instanceof Error ? error.message : String(error))),
    retries: 0
  })
}
