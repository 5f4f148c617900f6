import { Schema } from "effect"

/** The model or its manifest is missing, unreadable, corrupt or unusable; the message names the file. */
export class ScorerModelError extends Schema.TaggedError<ScorerModelError>()("ScorerModelError", {
  path: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect())
}) {}

/** Running the model on a batch of passages failed; the message names the model and the batch. */
export class ScorerRunError extends Schema.TaggedError<ScorerRunError>()("ScorerRunError", {
  path: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect())
}) {}

/** The language detector could not be loaded. */
export class LanguageIdError extends Schema.TaggedError<LanguageIdError>()("LanguageIdError", {
  detector: Schema.String,
  reason: Schema.String
}) {
  override get message() {
    return `cannot load the language detector ${this.detector}: ${this.reason}`
  }
}
