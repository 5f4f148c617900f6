import type { LlmEndpoint } from "./endpoint.ts"

/** The lock's fingerprint of the answering model: never the key, never a run-specific port. */
export const llmInputs = (endpoint: LlmEndpoint["Service"]) => ({
  model: endpoint.model,
  endpoint: endpoint.endpoint,
  standIn: endpoint.standIn
})
