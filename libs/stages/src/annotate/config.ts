import { Schema } from "effect"
import { Decoding } from "../llm/stage.ts"
import { Unanswered } from "../llm/unanswered.ts"

/** `annotate/config.json`: the decoding of both annotators (annotate-second shares it) and evaluate's. */
export const AnnotateConfig = Schema.Struct({
  ...Decoding,
  ...Unanswered
})
