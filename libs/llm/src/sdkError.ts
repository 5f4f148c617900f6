import { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai"
import { LlmHttpError, LlmUnreachable } from "./errors.ts"
import { retryAfterMillis } from "./retry.ts"

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

/** The server's own message: the SDK keeps `error.message` of an OpenAI-style body, else a "<status> <text>". */
const serverMessage = (error: APIError): string => {
  const body = error.error as { message?: unknown } | undefined
  if (typeof body?.message === "string") return body.message
  return error.message.replace(/^\d{3}\s+/, "")
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
  if (error instanceof APIConnectionTimeoutError) {
    return new LlmUnreachable({ baseUrl, reason: "timed out", retries: 0 })
  }
  if (error instanceof APIConnectionError) {
    const code = causeCode(error.cause)
    const reason = code === undefined ? mask(error.message) : (reasons[code] ?? code)
    return new LlmUnreachable({ baseUrl, reason, retries: 0 })
  }
  if (error instanceof APIError && typeof error.status === "number") {
    return new LlmHttpError({
      baseUrl,
      status: error.status,
      serverMessage: mask(serverMessage(error)),
      retryAfterMillis: retryAfterMillis(error.headers) ?? null,
      retries: 0
    })
  }
  return new LlmUnreachable({ baseUrl, reason: mask(error instanceof Error ? error.message : String(error)), retries: 0 })
}
