import { Config, Effect, Option } from "effect"
import { describeEndpoints, type LlmEndpoint, LlmSettings, requestMode } from "#llm"
import { TEACHER_MODEL, teacherDigest } from "#teacher"
import { Workspace } from "#workspace"
import { externalInputs, llmSettingsFile } from "../table.ts"

/** How the lock names the offline teacher, whose loopback URL changes from run to run. */
export const offlineTeacherLabel = "offline-teacher"

/**
 * `llm.json` with the environment's endpoint and model over it. A `baseUrl` of `null` means the offline teacher;
 * `model` is then the settings' own, which the teacher ignores. The environment's base URL may be a comma-separated
 * list of replicas of one model: the first is `baseUrl`, the rest `replicas`, in place of `llm.json`'s replicas.
 */
export const llmTarget = Effect.fnUntraced(function*() {
  const workspace = yield* Workspace
  const settings = yield* workspace.readConfig(llmSettingsFile, LlmSettings)
  const fromEnvironment = yield* Config.option(Config.String(externalInputs.llm.baseUrl))
  const baseUrls = Option.match(fromEnvironment, {
    onNone: () => settings.baseUrl === null ? [] : [settings.baseUrl, ...(settings.replicas ?? [])],
    onSome: (list) => list.split(",").map((url) => url.trim())
  })
  const model = Option.getOrElse(yield* Config.option(Config.String(externalInputs.llm.model)), () => settings.model)
  return { settings, baseUrl: baseUrls[0] ?? null, replicas: baseUrls.slice(1), model }
})

/** What an LLM stage would record as `inputs.llm` now, from the settings and the environment, without starting a client. */
export const currentEndpoint = Effect.fnUntraced(function*() {
  const { baseUrl, replicas, model } = yield* llmTarget()
  return (baseUrl === null
    ? { endpoint: offlineTeacherLabel, model: TEACHER_MODEL, standIn: true }
    : { endpoint: describeEndpoints([baseUrl, ...replicas]), model, standIn: false }) satisfies LlmEndpoint
})

/** What an LLM stage would record as `inputs.requestMode` now: how `llm.json` says requests ask for their answer. */
export const currentRequestMode = Effect.map(llmTarget(), ({ settings }) => requestMode(settings))

/**
 * The folder of the response cache the client reads for this target: the offline teacher's answers are kept apart
 * per version of its rules, under a digest of them.
 */
export const responseCacheDir = (cacheDir: string, baseUrl: string | null): string =>
  baseUrl === null ? `${cacheDir}/offline-teacher-${teacherDigest()}` : cacheDir
