import { Schema } from "effect"

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

/** An upstream stage's output is missing: the stage that writes it has not run (or did not finish). */
export class MissingUpstream extends Schema.TaggedError<MissingUpstream>()("MissingUpstream", {
  file: Schema.String,
  stage: Schema.String
}) {
  override get message() {
    return `${this.file} is missing: run the ${this.stage} stage for this language first`
  }
}
