import { Schema } from "effect"

/** `annotate-second/config.json`: the second annotator, or `null` for none (annotate then keeps the first's mentions). */
export const SecondAnnotatorConfig = Schema.Struct({
  /** The server's base URL (the key from the same variable as the first annotator's) and the model it serves. */
  annotator: Schema.NullOr(Schema.Struct({ baseUrl: Schema.NonEmptyString, model: Schema.NonEmptyString }))
})
