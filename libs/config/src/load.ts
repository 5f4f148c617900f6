import { Effect, FileSystem, Schema } from "effect"
import { type ConfigName, type StageConfig, StageConfigs } from "./StageConfig.ts"
import { workspaceRoot } from "./workspace.ts"

/** A configuration file or prompt that is missing or does not decode. */
export class ConfigError extends Schema.TaggedError<ConfigError>()("ConfigError", {
  file: Schema.String,
  reason: Schema.String
}) {
  override get message() {
    return `${this.file}: ${this.reason}`
  }
}

export const configFile = (name: ConfigName) => `${workspaceRoot}/libs/config/stages/${name}.json`

export type PromptName = "annotate" | "judge" | "translate"
export const promptFile = (name: PromptName) => `${workspaceRoot}/libs/config/prompts/${name}.md`

const readText = (file: string) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    return yield* fs.readFileString(file)
  }).pipe(Effect.mapError((cause) => new ConfigError({ file, reason: `cannot be read (${cause.message})` })))

/** Reads and decodes one stage's configuration file. */
export const loadConfig = Effect.fn("loadConfig")(function*<K extends ConfigName>(name: K) {
  const file = configFile(name)
  const text = yield* readText(file)
  const json = yield* Effect.try({
    try: () => JSON.parse(text) as unknown,
    catch: (cause) => new ConfigError({ file, reason: `is not JSON (${(cause as Error).message})` })
  })
  const schema = StageConfigs[name] as unknown as Schema.Codec<StageConfig<K>, unknown>
  return yield* Schema.decodeUnknownEffect(schema)(json).pipe(
    Effect.mapError((error) => new ConfigError({ file, reason: error.message.replace(/\s+/g, " ") }))
  )
})

/** Reads one prompt template. */
export const loadPrompt = (name: PromptName) => readText(promptFile(name))

/**
 * Fills `{{name}}` placeholders. A placeholder without a value is an error rather than text sent to a model.
 */
export const renderPrompt = (template: string, values: Readonly<Record<string, string>>): string =>
  template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key]
    if (value === undefined) throw new Error(`prompt placeholder {{${key}}} has no value`)
    return value
  })
