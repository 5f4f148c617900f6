import { Schema } from "effect"

/** A configuration file or prompt that is missing or does not decode; `file` is relative to the workspace root. */
export class ConfigError extends Schema.TaggedError<ConfigError>()("ConfigError", {
  file: Schema.String,
  reason: Schema.String
}) {
  override get message() {
    return `${this.file}: ${this.reason}`
  }
}

/** No `languages/<code>/language.json` exists for the requested code. */
export class UnknownLanguage extends Schema.TaggedError<UnknownLanguage>()("UnknownLanguage", {
  code: Schema.String,
  file: Schema.String
}) {
  override get message() {
    return `unknown language code '${this.code}': there is no ${this.file}`
  }
}

/** A `language.json` that is not JSON or does not decode. */
export class MalformedLanguage extends Schema.TaggedError<MalformedLanguage>()("MalformedLanguage", {
  file: Schema.String,
  reason: Schema.String
}) {
  override get message() {
    return `${this.file}: ${this.reason}`
  }
}
