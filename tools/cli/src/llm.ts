import { readdirSync, readFileSync } from "node:fs"
import { Config, Effect, Layer, Option } from "effect"
import { loadConfig, workspaceRoot } from "#config"
import { sha256 } from "#files"
import { LlmClient } from "#llm"
import { LlmEndpoint } from "#stages"
import { startTeacher } from "#teacher"

/** An endpoint as the lock records it: no credentials, no query string. */
export const describeEndpoint = (baseUrl: string): string => {
  const url = new URL(baseUrl)
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/$/, "")}`
}

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
  const options = { ...config, cacheDir: `${workspaceRoot}/${config.cacheDir}` }
  if (baseUrl === null) {
    const teacher = yield* startTeacher()
    yield* Effect.logDebug(`offline teacher (a rule-based stand-in, not an LLM) listening at ${teacher.baseUrl}`)
    return Layer.mergeAll(
      LlmClient.layer({
        ...options,
        baseUrl: teacher.baseUrl,
        model: teacher.model,
        cacheDir: `${options.cacheDir}/offline-teacher-${teacherDigest()}`
      }),
      Layer.succeed(LlmEndpoint, LlmEndpoint.of({ model: teacher.model, endpoint: "offline-teacher", standIn: true }))
    )
  }
  const model = Option.getOrElse(yield* Config.option(Config.String("FINERWEB_LLM_MODEL")), () => config.model)
  return Layer.mergeAll(
    LlmClient.layer({ ...options, baseUrl, model }),
    Layer.succeed(LlmEndpoint, LlmEndpoint.of({ model, endpoint: describeEndpoint(baseUrl), standIn: false }))
  )
}))
