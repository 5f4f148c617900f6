import { Schema } from "effect"
import { canonicalJson } from "#files"
import type { LockFile } from "#lock"
import type { CardModel } from "./card.ts"

/** What an LLM stage's lock entry says about its endpoint (`inputs.llm`), never a secret. */
const Endpoint = Schema.Struct({ endpoint: Schema.String, model: Schema.String, standIn: Schema.Boolean })
/** The score stage's model (`inputs.model`). */
const Model = Schema.Struct({ path: Schema.String, sha256: Schema.String })

const roles = [["annotate", "annotator"], ["judge", "judge"], ["translate", "translator"]] as const

const decode = <A, I>(schema: Schema.Codec<A, I>, value: unknown): A | undefined => {
  const exit = Schema.decodeUnknownExit(schema)(value)
  return exit._tag === "Success" ? exit.value : undefined
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The card's provenance, read from the lock the release is built with: the models of the LLM stages and the scorer,
 * each stage's distinct configurations, and where each language's text came from. The lock pins exactly what ran,
 * so the card cannot name a model or a configuration that did not produce the files.
 */
export const provenance = (lock: LockFile, stages: ReadonlyArray<string>) => {
  const entries = Object.entries(lock.languages).sort(([a], [b]) => byText(a, b))
  const models: Array<CardModel> = []
  for (const [stage, role] of roles) {
    const seen = new Map<string, { endpoint: typeof Endpoint.Type; languages: number }>()
    for (const [, languageStages] of entries) {
      const endpoint = decode(Endpoint, languageStages[stage]?.inputs.llm)
      if (endpoint === undefined) continue
      const key = canonicalJson(endpoint)
      seen.set(key, { endpoint, languages: (seen.get(key)?.languages ?? 0) + 1 })
    }
    for (const [, { endpoint, languages }] of [...seen].sort(([a], [b]) => byText(a, b))) {
      models.push({ role, ...endpoint, languages })
    }
  }

  const scorers = new Map<string, typeof Model.Type>()
  for (const [, languageStages] of entries) {
    const model = decode(Model, languageStages.score?.inputs.model)
    if (model !== undefined) scorers.set(canonicalJson(model), model)
  }

  const parameters: Array<{ stage: string; config: unknown }> = []
  for (const stage of stages) {
    const configs = new Map<string, unknown>()
    for (const [, languageStages] of entries) {
      const inputs = languageStages[stage]?.inputs
      if (inputs === undefined || !("config" in inputs)) continue
      const config = "sharedConfig" in inputs ? { ...(inputs.sharedConfig as object), ...(inputs.config as object) } : inputs.config
      configs.set(canonicalJson(config), JSON.parse(canonicalJson(config)))
    }
    for (const [, config] of [...configs].sort(([a], [b]) => byText(a, b))) parameters.push({ stage, config })
  }

  const sources = Object.fromEntries(entries.flatMap(([code, languageStages]) => {
    const source = languageStages.sample?.inputs.source
    return typeof source === "string" ? [[code, source]] : []
  }))

  return {
    models,
    scorers: [...scorers].sort(([a], [b]) => byText(a, b)).map(([, model]) => model),
    parameters,
    sources: sources as Record<string, string>
  }
}
