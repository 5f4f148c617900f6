/** Who answers, as a lock or manifest may record it: no key, no credentials, no port that changes between runs. */
export interface LlmEndpoint {
  readonly model: string
  /** `describeEndpoint(baseUrl)`, or the options' `endpointLabel` where one is given. */
  readonly endpoint: string
  /** True only for the offline teacher: a rule-based stand-in, not an LLM. */
  readonly standIn: boolean
}

/**
 * A base URL without what must not be recorded: user and password, query string (some gateways take a key
 * there) and fragment. A URL that does not parse is not echoed, since nothing can say which part of it is secret.
 */
export const describeEndpoint = (baseUrl: string): string => {
  if (!URL.canParse(baseUrl)) return "(a base URL that does not parse)"
  const url = new URL(baseUrl)
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/$/, "")}`
}

/**
 * The parts of a base URL that `describeEndpoint` leaves out because they may be secret, for masking in the text
 * of errors (fetch quotes a URL with credentials in full when it refuses it); all of it when it does not parse.
 */
export const endpointSecrets = (baseUrl: string): ReadonlyArray<string> => {
  if (!URL.canParse(baseUrl)) return [baseUrl]
  const url = new URL(baseUrl)
  return [url.username, url.password, url.search.slice(1), url.hash.slice(1)].filter((part) => part !== "")
}

/** How a client of `baseUrls` (its base URL and replicas) names its endpoint: each described, joined by ", ". */
export const describeEndpoints = (baseUrls: ReadonlyArray<string>): string => baseUrls.map(describeEndpoint).join(", ")
