import { loadModule } from "cld3-asm"
import { Context, Effect, Layer, Schema } from "effect"
import { LanguageIdError } from "./errors.ts"
import { type LanguageShare, otherLanguageShare } from "./identify.ts"
import { detectedLanguage, detectorKnows, DETECTORS } from "./languages.ts"

/** How the score stage tells which language a passage is written in (decode configuration with this schema). */
export const LanguageIdOptions = Schema.Struct({
  /** `cld3`: Google's Compact Language Detector 3 compiled to WebAssembly (`cld3-asm`). */
  detector: Schema.Literals(DETECTORS),
  /** Reject a passage when at least this share of its letters is in another language (0.5: most of its text). */
  minShare: Schema.Number.check(Schema.isGreaterThan(0), Schema.isLessThanOrEqualTo(1))
})
export type LanguageIdOptions = typeof LanguageIdOptions.Type

/** The project's language as `language.json` gives it. */
export interface ProjectLanguage {
  readonly iso639_3: string
  /** The BCP 47 locale its sentences are cut by. */
  readonly locale: string
}

/** What language ID says of one passage. */
export interface LanguageVerdict extends LanguageShare {
  /** Whether the share reached `minShare` (never, for a language the detector does not know). */
  readonly reject: boolean
}

// cld3 reads at most this many UTF-8 bytes of a sentence: a Thai or Lao passage may be one "sentence" of 2,000.
const MAX_BYTES = 4096

const make = Effect.fnUntraced(function*(options: LanguageIdOptions) {
  const identifier = yield* Effect.acquireRelease(
    Effect.tryPromise({
      try: () => loadModule().then((factory) => factory.create(0, MAX_BYTES)),
      catch: (cause) => new LanguageIdError({ detector: options.detector, reason: String(cause) })
    }),
    (identifier) => Effect.sync(() => identifier.dispose())
  )
  const detect = (sentence: string) => {
    const result = identifier.findLanguage(sentence)
    return result.is_reliable ? detectedLanguage(options.detector, result.language) : null
  }
  const knows = (iso639_3: string) => detectorKnows(options.detector, iso639_3)
  const judge = (text: string, language: ProjectLanguage): LanguageVerdict => {
    const share = otherLanguageShare(text, language.locale, language.iso639_3, detect)
    return { ...share, reject: knows(language.iso639_3) && share.share >= options.minShare }
  }
  return LanguageId.of({ options, knows, judge })
})

/** Tells, sentence by sentence, how much of a passage is written in another language than the project's. */
export class LanguageId extends Context.Service<LanguageId, {
  readonly options: LanguageIdOptions
  /** Whether the detector can recognise the language; when it cannot, no passage of it is rejected. */
  readonly knows: (iso639_3: string) => boolean
  readonly judge: (text: string, language: ProjectLanguage) => LanguageVerdict
}>()("finerweb/scoring/LanguageId") {
  static readonly layer = (options: LanguageIdOptions): Layer.Layer<LanguageId, LanguageIdError> =>
    Layer.effect(LanguageId, make(options))
}
