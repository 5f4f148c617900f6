import { Config, Effect, Layer, Option, Struct } from "effect"
import { LlmClient } from "#llm"
import { startTeacher } from "#teacher"
import { Workspace } from "#workspace"
import { llmTarget, offlineTeacherLabel, responseCacheDir } from "./endpoint.ts"

/**
 * The LLM client of annotate, judge and translate. Endpoint and model come from `llm.json` or the environment; with
 * neither, the offline teacher starts on loopback for the life of the layer, and its answers are cached under a
 * digest of its rules. It is a rule-based stand-in and the client describes it so.
 */
export const llmLayer = Layer.unwrap(Effect.gen(function*() {
  const workspace = yield* Workspace
  const { settings, baseUrl, replicas, model } = yield* llmTarget()
  const cacheDir = workspace.resolve(settings.cacheDir)
  if (baseUrl === null) {
    const teacher = yield* startTeacher()
    yield* Effect.logDebug(`offline teacher (a rule-based stand-in, not an LLM) listening at ${teacher.baseUrl}`)
    return LlmClient.layer({
      ...Struct.omit(settings, ["replicas"]),
      baseUrl: teacher.baseUrl,
      model: teacher.model,
      cacheDir: responseCacheDir(cacheDir, null),
      endpointLabel: offlineTeacherLabel,
      standIn: true
    })
  }
  return yield* endpointClient([baseUrl, ...replicas], model)
}))

/**
 * A client of the servers at `baseUrls` (the first, and its replicas) serving `model`, with `llm.json`'s other
 * settings and the key from the environment.
 */
const endpointClient = Effect.fnUntraced(function*(baseUrls: readonly [string, ...Array<string>], model: string) {
  const workspace = yield* Workspace
  const { settings } = yield* llmTarget()
  const [baseUrl, ...replicas] = baseUrls
  return LlmClient.layer({
    ...settings,
    baseUrl,
    replicas,
    model,
    ...Option.match(yield* Config.option(Config.Redacted(settings.apiKeyEnv)), {
      onNone: () => ({}),
      onSome: (apiKey) => ({ apiKey })
    }),
    cacheDir: workspace.resolve(settings.cacheDir)
  })
})

/** The client of the second annotator (annotate-second's `annotator`), which replaces the first within what it provides. */
export const endpointLayer = (baseUrl: string, model: string) => Layer.unwrap(endpointClient([baseUrl], model))
