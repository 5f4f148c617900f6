import { Schema } from "effect"
import { Decoding, Transport } from "../llm/stage.ts"
import { Unanswered } from "../llm/unanswered.ts"

/** `annotate/config.json`: how both annotators are asked (annotate-second shares it), and evaluate. */
export const AnnotateConfig = Schema.Struct({
  ...Decoding,
  ...Unanswered,
  ...Transport
})
