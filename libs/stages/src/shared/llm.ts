import { Effect } from "effect"
import { loadConfig, loadPrompt } from "#config"
import { sha256 } from "#files"
import { LlmClient } from "#llm"
import { packageVersions } from "./packages.ts"

/**
 * What every LLM stage starts from: its configuration and prompt template, the client, the name of who answers
 * (the offline teacher always called a stand-in) and the lock fingerprint of all of it, never the key.
 */
export const llmStage = Effect.fn("llmStage")(function*<K extends "annotate" | "judge" | "translate">(name: K) {
  const config = yield* loadConfig(name)
  const template = yield* loadPrompt(name)
  const llm = yield* LlmClient
  const endpoint = llm.endpoint
  return {
    config,
    template,
    /** One user message with the stage's decoding parameters. */
    ask: (prompt: string) =>
      llm.complete({ messages: [{ role: "user", content: prompt }], temperature: config.temperature, maxTokens: config.maxTokens }),
    /** Requests made and answered from the response cache, for the log line: it varies between runs. */
    usage: Effect.map(llm.stats, (stats) => `${stats.requests} requests, ${stats.cacheHits} from the response cache`),
    answerer: endpoint.standIn ? `${endpoint.model} (offline teacher: a rule-based stand-in, not an LLM)` : endpoint.model,
    inputs: (language: string) => ({
      language,
      config,
      prompt: sha256(template),
      llm: { model: endpoint.model, endpoint: endpoint.endpoint, standIn: endpoint.standIn },
      packages: packageVersions(["openai"])
    })
  }
})
