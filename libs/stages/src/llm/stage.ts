import { Effect, Option, Schema } from "effect"
import { sha256 } from "#files"
import { type Accept, type AnswerFormat, ChatRequest, describeStats, LlmClient, llmUsage } from "#llm"
import { Workspace } from "#workspace"
import { type StagePlan, stageTable } from "../table.ts"

/** The stages that ask a model through `llmStage`. */
export type LlmStageName = "annotate" | "judge" | "translate" | "rate"

/** The decoding parameters every LLM stage's configuration holds, with the client's own checks. */
export const Decoding = {
  temperature: ChatRequest.fields.temperature,
  maxTokens: ChatRequest.fields.maxTokens
}

/**
 * The `accept` of a stage whose parser says `{ok: false, reason}` of an answer it cannot use: such an answer is
 * asked again, for that reason (see `LlmClient`).
 */
export const acceptParsed = (parse: (content: string) => { readonly ok: true } | { readonly ok: false; readonly reason: string }): Accept =>
(content) => {
  const parsed = parse(content)
  return parsed.ok ? Option.none() : Option.some(parsed.reason)
}

/**
 * `transport` in annotate's and judge's configuration: "online" (the default) asks each request over HTTP; "batch"
 * first submits them all through the OpenAI Batch API (`LlmClient.prefetch`), which fills the response cache, so
 * that the online pass finds every settled answer there. The answers, and so the outputs, are the same either way;
 * the fragment's `run` says which was used.
 */
export const Transport = {
  transport: Schema.optionalKey(Schema.Literals(["online", "batch"]))
}

/** What a stage asks of one item: the prompt, its parser's verdict, the shape its answer should take. */
export interface Question {
  readonly prompt: string
  readonly accept?: Accept
  readonly format?: AnswerFormat
}

/** One prompt as a request: one user message with the decoding parameters, and the shape its answer should take. */
export const chatRequest = (
  decoding: { readonly temperature: number; readonly maxTokens: number },
  prompt: string,
  format?: AnswerFormat
): ChatRequest => ({
  messages: [{ role: "user", content: prompt }],
  temperature: decoding.temperature,
  maxTokens: decoding.maxTokens,
  ...(format === undefined ? {} : { responseFormat: format })
})

/** The requests of `questions` with the decoding parameters, in order: an LLM stage's `plan`, what `--cost` prices. */
export const questionsPlan = (
  decoding: { readonly temperature: number; readonly maxTokens: number },
  questions: ReadonlyArray<Question>
): StagePlan => ({ requests: questions.map(({ format, prompt }) => chatRequest(decoding, prompt, format)) })

/**
 * How every LLM program asks: one user message with the given decoding parameters, the name of who answers (the
 * offline teacher always called a stand-in), and, once asked, the usage to report and what the lock records of the
 * endpoint and the producers (never the key). The stages start from it through `llmStage`, the synthesize command directly.
 */
export const llmAsker = Effect.fn("llmAsker")(function*(decoding: { readonly temperature: number; readonly maxTokens: number }) {
  const llm = yield* LlmClient
  const { model, standIn } = llm.endpoint
  const usage = Effect.gen(function*() {
    const stats = yield* llm.stats
    return {
      manifest: llmUsage(stats),
      /** Everything the client counted in this run, cache hits, retries and faults included: for the fragment's `run`. */
      run: stats,
      /**
       * For the lock: the configured model and endpoint (never the key), how requests ask for their answer's shape
       * and budget (`requestMode`), and who produced the answers used, which differs from the configured endpoint
       * where the cache holds another server's answers.
       */
      inputs: { llm: llm.endpoint, requestMode: llm.mode, producers: yield* llm.producers },
      line: describeStats(stats)
    }
  })
  return {
    /**
     * `chatRequest` of the prompt; an answer `accept` rejects is asked again (see `LlmClient`). `format` is sent where
     * the client asks for structured output.
     */
    ask: (prompt: string, accept?: Accept, format?: AnswerFormat) =>
      llm.complete(chatRequest(decoding, prompt, format), accept === undefined ? {} : { accept }),
    /**
     * With `transport: "batch"`, the answers to `questions` through the Batch API into the response cache before
     * they are asked; what the fragment's `run` records of the transport either way.
     */
    prefetch: (transport: { readonly transport?: "online" | "batch" }, questions: ReadonlyArray<Question>) =>
      transport.transport === "batch"
        ? Effect.map(
          llm.prefetch(questions.map(({ prompt, accept, format }) => ({
            request: chatRequest(decoding, prompt, format),
            ...(accept === undefined ? {} : { accept })
          }))),
          (batch) => ({ transport: "batch", batch })
        )
        : Effect.succeed({ transport: "online" }),
    answerer: standIn ? `${model} (offline teacher: a rule-based stand-in, not an LLM)` : model,
    standIn,
    usage
  }
})

/** What `llmAsker` gives a program: its ways to ask and prefetch, who answers, and the usage once asked. */
export type LlmAsker = Effect.Success<ReturnType<typeof llmAsker>>

/** An LLM stage's configuration and prompt template, as the stage table names them: all `plan` needs. */
export const llmStageSettings = Effect.fn("llmStageSettings")(function*<A extends { temperature: number; maxTokens: number }, I>(
  stage: LlmStageName,
  configSchema: Schema.Codec<A, I>
) {
  const workspace = yield* Workspace
  const spec = stageTable[stage]
  return { config: yield* workspace.readConfig(spec.config, configSchema), template: yield* workspace.readText(spec.prompt) }
})

/**
 * What every LLM stage starts from: its configuration and prompt template (named by the stage table) and
 * `llmAsker`'s way to ask with the configuration's decoding parameters.
 */
export const llmStage = Effect.fn("llmStage")(function*<A extends { temperature: number; maxTokens: number }, I>(
  stage: LlmStageName,
  configSchema: Schema.Codec<A, I>
) {
  const { config, template } = yield* llmStageSettings(stage, configSchema)
  return {
    config,
    template,
    ...(yield* llmAsker(config)),
    /** Which prompt produced the output: downstream outputs carry it as provenance. */
    promptDigest: sha256(template)
  }
})
