import { Effect, FileSystem, Path, Result } from "effect"
import { checkConll, type InvalidConll, type RepairMethod } from "#bio"
import { sha256 } from "#files"
import { conllGold, parseMasakhaner } from "./conll.ts"
import { GoldDigestMismatch, GoldNotFound, GoldReadFailed, MalformedGold, UnknownGoldSet } from "./errors.ts"
import type { GoldSentence } from "./GoldSentence.ts"
import { type GoldFormat, goldSets } from "./GoldSet.ts"
import { placeMentions } from "./mentions.ts"
import { parseThainer } from "./thainer.ts"
import { parseUner } from "./uner.ts"

/** What a gold file says: its sentences, and how many invalid transitions were repaired on the way. */
export interface GoldText {
  readonly sentences: Array<GoldSentence>
  readonly repaired: number
}

/**
 * Reads the text of a gold file in its format. IOB2 tags are validated as SeqScore validates them: without a
 * repair method the first invalid transition is the error, with one they are repaired and counted. ThaiNER's
 * inline tags cannot hold an invalid transition, so `repair` does not apply to them.
 */
export const parseGold = (
  format: GoldFormat,
  text: string,
  file: string,
  repair: RepairMethod | null
): Result.Result<GoldText, MalformedGold | InvalidConll> => {
  switch (format) {
    case "conll":
      return Result.flatMap(parseMasakhaner(text, file), (parsed) =>
        Result.map(checkConll(parsed, file, "BIO", repair), ({ sentences, repaired }) => ({
          sentences: conllGold(sentences),
          repaired
        })))
    case "uner":
      return Result.flatMap(parseUner(text, file), (parsed) =>
        Result.map(checkConll(parsed, file, "BIO", repair), ({ sentences, repaired }) => ({
          sentences: parsed.map(({ id, text, line, spans }, index) => ({
            id,
            text,
            mentions: placeMentions(sentences[index].tags, spans),
            line
          })),
          repaired
        })))
    case "thainer":
      return Result.map(parseThainer(text, file), ({ sentences }) => ({ sentences: [...sentences], repaired: 0 }))
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true })

/**
 * Reads a gold set of `libs/gold/sets.json` from the gold folder `dir`, checks its bytes against `sha256` unless
 * that is null, and parses it. `file` is the path read, `sha256` the digest of its bytes.
 */
export const readGoldSet = Effect.fn("readGoldSet")(function*(options: {
  readonly dir: string
  readonly set: string
  readonly sha256: string | null
  readonly repair: RepairMethod | null
}) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const { set, dir } = options
  if (!Object.hasOwn(goldSets, set)) return yield* new UnknownGoldSet({ set, known: Object.keys(goldSets) })
  const entry = goldSets[set]
  const file = path.join(dir, entry.path)
  const bytes = yield* fs.readFile(file).pipe(
    Effect.mapError((error) =>
      error.reason._tag === "NotFound"
        ? new GoldNotFound({ set, file: entry.path, dir: path.resolve(dir), published: entry.published })
        : new GoldReadFailed({ file, reason: error.message })
    )
  )
  const digest = sha256(bytes)
  if (options.sha256 !== null && options.sha256 !== digest) {
    return yield* new GoldDigestMismatch({ file, expected: options.sha256, actual: digest })
  }
  const text = yield* Effect.try({
    try: () => utf8.decode(bytes),
    catch: () => new MalformedGold({ file, line: 0, reason: "not UTF-8" })
  })
  const { sentences, repaired } = yield* Effect.fromResult(parseGold(entry.format, text, file, options.repair))
  return { set, file, sha256: digest, sentences, repaired }
})
