import { Effect, Schema } from "effect"
import { sha256 } from "#files"
import { ChatRequest, LlmClient, llmUsage } from "#llm"
import { Workspace } from "#workspace"
import { stageTable } from "../table.ts"

/** The decoding parameters every LLM stage's configuration holds, with the client's own checks. */
export const Decoding = {
  temperature: ChatRequest.fields.temperature,
  maxTokens: ChatRequest.fields.maxTokens
}

/**
 * How every LLM program asks: one user message with the given decoding parameters, the name of who answers (the
 * offline teacher always called a stand-in), what the lock records of the endpoint (never the key) and the usage to
 * report. The stages start from it through `llmStage`, the synthesize command directly.
 */
export const llmAsker = Effect.fn("llmAsker")(function*(decoding: { readonly temperature: number; readonly maxTokens: number }) {
  const llm = yield* LlmClient
  const { model, standIn } = llm.endpoint
  const usage = Effect.map(llm.stats, (stats) => ({
    manifest: llmUsage(stats),
    /** Everything the client counted in this run, cache hits and retries included: for the fragment's `run`. */
    run: stats,
    line: `${stats.requests} requests (${stats.cacheHits} from the response cache, ${stats.retries} retries), ` +
      `${stats.promptTokens} prompt and ${stats.completionTokens} completion tokens`
  }))
  return {
    /** One user message with the decoding parameters. */
    ask: (prompt: string) =>
      llm.complete({ messages: [{ role: "user", content: prompt }], temperature: decoding.temperature, maxTokens: decoding.maxTokens }),
    answerer: standIn ? `${model} (offline teacher: a rule-based stand-in, not an LLM)` : model,
    standIn,
    /** For the lock: the model and a description of the endpoint without credentials. */
    inputs: { llm: llm.endpoint },
    usage
  }
})

/**
 * What every LLM stage starts from: its configuration and prompt template (named by the stage table) and
 * `llmAsker`'s way to ask with the configuration's decoding parameters.
 */
export const llmStage = Effect.fn("llmStage")(function*<A extends { temperature: number; maxTokens: number }, I>(
  stage: "annotate" | "judge" | "translate" | "rate",
  configSchema: Schema.Codec<A, I>
) {
  const workspace = yield* Workspace
  const spec = stageTable[stage]
  const config = yield* workspace.readConfig(spec.config, configSchema)
  const template = yield* workspace.readText(spec.prompt)
  return {
    config,
    template,
    ...(yield* llmAsker(config)),
    /** Which prompt produced the output: downstream outputs carry it as provenance. */
    promptDigest: sha256(template)
  }
})
