import { Schema } from "effect"

/** A chunk of about 256 words cut from one corpus document. */
export class Passage extends Schema.Class<Passage>("finerweb/schema/Passage")({
  /** `<document id>#<chunk index>` */
  id: Schema.NonEmptyString,
  document: Schema.NonEmptyString,
  chunk: Schema.Int,
  text: Schema.NonEmptyString,
  words: Schema.Int,
  url: Schema.NullOr(Schema.String)
}) {}

/** A passage with the scorer's prediction of how useful it is for NER. */
export class ScoredPassage extends Schema.Class<ScoredPassage>("finerweb/schema/ScoredPassage")({
  ...Passage.fields,
  score: Schema.Number
}) {}
