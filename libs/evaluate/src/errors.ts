import { Schema } from "effect"

/** `gold-types.json` has no entry for the family a gold set was said to belong to. */
export class UnknownFamily extends Schema.TaggedError<UnknownFamily>()("UnknownFamily", {
  family: Schema.String
}) {
  override get message() {
    return `gold-types.json has no family "${this.family}"`
  }
}

/** A gold mention's type is missing from its family's map: the set and the map disagree, so no score is honest. */
export class UnknownGoldType extends Schema.TaggedError<UnknownGoldType>()("UnknownGoldType", {
  family: Schema.String,
  type: Schema.String,
  sentence: Schema.String
}) {
  override get message() {
    return `gold type "${this.type}" of sentence ${this.sentence} is not in gold-types.json family "${this.family}"`
  }
}
