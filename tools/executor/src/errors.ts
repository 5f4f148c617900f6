import { Schema } from "effect"
import { stageNames } from "#stages"

/** A stage target whose `stage` option names no stage of the table (the plugin writes it; a user may override it). */
export class UnknownStage extends Schema.TaggedError<UnknownStage>()("UnknownStage", {
  task: Schema.String,
  stage: Schema.String
}) {
  override get message() {
    return `${this.task}: the stage executor's option stage is ${this.stage}, not one of ${stageNames.join(", ")}`
  }
}
