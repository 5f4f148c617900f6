export {
  type GoldError,
  GoldDigestMismatch,
  GoldNotFound,
  GoldReadFailed,
  MalformedGold,
  UnknownGoldSet
} from "./errors.ts"
export { type GoldMention, type GoldSentence } from "./GoldSentence.ts"
export { GoldFormat, GoldSetEntry, goldSets } from "./GoldSet.ts"
export { readGoldSet } from "./read.ts"
