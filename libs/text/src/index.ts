export {
  atWordBoundary,
  bareWord,
  scriptOf,
  type TextSpan,
  wordCharacter,
  type WordSplitting,
  wordSplittings,
  wordSpans,
  type Writing,
  writingOf
} from "./words.ts"
export { type SentenceWord, sentenceOpenings, sentenceSpans, sentenceWords } from "./sentences.ts"
export { codePointIndex, codePointLength, codePointOffsets, sliceCodePoints, utf16Index } from "./offsets.ts"
