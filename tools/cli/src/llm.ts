import { readdirSync, readFileSync } from "node:fs"
import { Config, Effect, Layer, Option } from "effect"
import { loadConfig, workspaceRoot } from "#config"
import { sha256 } from "#files"
import { LlmClient } from "#llm"
import { startTeacher } from "#teacher"

/**
 * What the teacher's answers depend on: its rules (its source) and Node's ICU data. Its cached answers are kept
 * under this digest, so that a change to a rule is never answered from the cache of the old rules.
 */
export const teacherDigest = (): string => {
  const folder = `${workspaceRoot}/tools/teacher/src`
  const sources = readdirSync(folder).filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts")).sort()
  return sha256(sources.map((name) => `${name}\n${readFileSync(`${folder}/${name}`, "utf8")}`).join("\n") + process.versions.icu)
    .slice(0, 16)
}

/**
 * The LLM client for annotate, judge and translate. Endpoint and model come from libs/config/stages/llm.json or
 * FINERWEB_LLM_BASE_URL / FINERWEB_LLM_MODEL; with neither, the offline teacher starts on loopback for the life
 * of the command. It is a rule-based stand-in and is labelled so in every manifest and log line.
 */
export const llmLayer = Layer.unwrap(Effect.gen(function*() {
  const config = yield* loadConfig("llm")
  const baseUrl = Option.getOrElse(yield* Config.option(Config.String("FINERWEB_LLM_BASE_URL")), () => config.baseUrl)
  const { apiKeyEnv, ...settings } = config
  const options = { ...settings, cacheDir: `${workspaceRoot}/${config.cacheDir}` }
  if (baseUrl === null) {
    const teacher = yield* startTeacher()
    yield* Effect.logDebug(`offline teacher (a rule-based stand-in, not an LLM) listening at ${teacher.baseUrl}`)
    return LlmClient.layer({
      ...options,
      baseUrl: teacher.baseUrl,
      model: teacher.model,
      // Its port changes every run; the lock must not.
      endpointLabel: "offline-teacher",
      standIn: true,
      cacheDir: `${options.cacheDir}/offline-teacher-${teacherDigest()}`
    })
  }
  const model = Option.getOrElse(yield* Config.option(Config.String("FINERWEB_LLM_MODEL")), () => config.model)
  // The key goes to a configured server only, never to the teacher on loopback.
  const apiKey = Option.getOrUndefined(yield* Config.option(Config.Redacted(apiKeyEnv)))
  return LlmClient.layer({ ...options, baseUrl, model, apiKey })
}))
