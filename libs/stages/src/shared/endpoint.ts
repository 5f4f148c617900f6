import { Context } from "effect"

/**
 * What answered the LLM stages, as pinned in the lock: the model and a description of the endpoint that carries no
 * secret (no key, no credentials in the URL, no port that changes from run to run).
 */
export class LlmEndpoint extends Context.Service<LlmEndpoint, {
  readonly model: string
  readonly endpoint: string
  /** True when the offline teacher answered: a rule-based stand-in, not an LLM. */
  readonly standIn: boolean
}>()("finerweb/stages/LlmEndpoint") {}
