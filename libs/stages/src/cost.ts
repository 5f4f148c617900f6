import { Effect, FileSystem } from "effect"
import { findCached } from "#llm"
import { Workspace } from "#workspace"
import { stageFilePath } from "./files.ts"
import { currentEndpoint, currentRequestMode, llmTarget, responseCacheDir } from "./llm/endpoint.ts"
import type { Cell } from "./status.ts"
import { type StageFile, type StageModule, type StageSpec, stageTable } from "./table.ts"

/** What rebuilding one stale or missing LLM cell would ask of the model, counted before anything is sent. */
export interface CellCost {
  readonly language: string
  readonly stage: string
  /** The requests the stage would make, from its upstream files as they are now. */
  readonly requests: number
  /** Of them, answered by the response cache. */
  readonly cached: number
  /** Sent to the server: `requests - cached`. */
  readonly misses: number
  /** The prompt tokens the misses carry, estimated (`estimateTokens`). */
  readonly promptTokens: number
}

/**
 * Tokens a prompt carries, without the model's tokenizer: UTF-8 bytes over four, rounded up (about four bytes a
 * token for English with a BPE vocabulary; more tokens per byte for most other scripts). An estimate to compare
 * rebuilds by, not a bill.
 */
export const estimateTokens = (text: string): number => Math.ceil(Buffer.byteLength(text, "utf8") / 4)

/**
 * The cost of every stale or missing cell of an LLM stage that can say what it would ask (`plan`) and whose upstream
 * files exist: its prompts rendered from those files, looked up in the response cache the client would read, and
 * the misses' prompt tokens estimated. Cells it cannot price are left out: evaluate (its prompts come from the gold
 * data), and cells whose upstream is not built yet, whose prompts are not known until it is.
 */
export const workspaceCost = Effect.fn("workspaceCost")(function*(cells: ReadonlyArray<Cell>) {
  const workspace = yield* Workspace
  const fs = yield* FileSystem.FileSystem
  const { settings, baseUrl } = yield* llmTarget()
  const { model } = yield* currentEndpoint()
  const mode = yield* currentRequestMode
  const cacheDir = responseCacheDir(workspace.resolve(settings.cacheDir), baseUrl)
  const modules = new Map<string, StageModule>()

  const priced = yield* Effect.forEach(cells, (cell) =>
    Effect.gen(function*() {
      const spec: StageSpec = stageTable[cell.stage]
      // A stage with a prompt asks a model.
      if (cell.state === "fresh" || spec.prompt === null) return []
      for (const file of spec.reads as ReadonlyArray<StageFile>) {
        if (!(yield* fs.exists(workspace.resolve(yield* stageFilePath(file, cell.language))))) return []
      }
      const module = modules.get(cell.stage) ?? (yield* Effect.promise(() => spec.load()))
      modules.set(cell.stage, module)
      if (module.plan === undefined) return []
      const plan = yield* module.plan(yield* workspace.loadLanguage(cell.language))
      const { requests } = plan
      // The second annotator's answers are kept in the response cache of a configured server (see `endpointLayer`).
      const asked = plan.endpoint === undefined
        ? { cacheDir, model }
        : { cacheDir: workspace.resolve(settings.cacheDir), model: plan.endpoint.model }
      const found = yield* findCached(asked.cacheDir, asked.model, requests, mode)
      const missed = requests.filter((_, index) => !found[index])
      return [{
        language: cell.language,
        stage: cell.stage,
        requests: requests.length,
        cached: requests.length - missed.length,
        misses: missed.length,
        promptTokens: missed.reduce((sum, request) => sum + estimateTokens(request.messages.map((message) => message.content).join("")), 0)
      } satisfies CellCost]
    }), { concurrency: 4 })
  return priced.flat()
})

/** A table of the priced cells and a total line. */
export const renderCost = (costs: ReadonlyArray<CellCost>): string => {
  if (costs.length === 0) return "cost: no stale LLM cell with its upstream built: a rebuild asks the model nothing\n"
  const header = ["language", "stage", "requests", "cached", "misses", "~prompt tokens"]
  const rows = costs.map((cost) => [cost.language, cost.stage, ...[cost.requests, cost.cached, cost.misses, cost.promptTokens].map(String)])
  const total = (key: "requests" | "cached" | "misses" | "promptTokens") => costs.reduce((sum, cost) => sum + cost[key], 0)
  rows.push(["total", "", ...[total("requests"), total("cached"), total("misses"), total("promptTokens")].map(String)])
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)))
  const line = (cells: ReadonlyArray<string>) =>
    cells.map((text, column) => (column < 2 ? text.padEnd(widths[column]) : text.padStart(widths[column]))).join("  ").trimEnd()
  return [
    "cost of rebuilding the stale LLM cells (prompt tokens estimated as UTF-8 bytes / 4):",
    line(header),
    ...rows.map(line)
  ].join("\n") + "\n"
}
