import { bareWord, type TextSpan, wordSpans, type Writing } from "#text"

/**
 * English function words that are rare as whole words in other languages written in Latin script. Left out on
 * purpose: "a", "in", "to", "is", "on", "at", "as", "an", "by", "he", "her", "was", "also", "die", "of", "for",
 * "we", "will", "had" (each is a common word in German, Dutch, Finnish, Czech, Danish, Portuguese or Tagalog).
 */
const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  "the", "and", "that", "with", "this", "from", "which", "but", "not", "are", "were", "been", "have", "has",
  "they", "their", "them", "there", "these", "those", "would", "could", "should", "you", "your", "his",
  "she", "our", "its", "into", "about", "than", "what", "when", "where", "who", "whom", "while", "because",
  "it", "or", "if", "be"
])

/**
 * At or above this share of function words a passage reads as English. English prose runs at 0.15 to 0.30 with this
 * list; other languages stay under 0.03 (a quoted English title or name adds a few hits, not a tenth of the text).
 */
export const ENGLISH_FUNCTION_WORD_SHARE = 0.1

/** The share of a passage's words (#text's, in the passage's writing) that are English function words. */
export const englishFunctionWordShare = (text: string, writing: Writing): number => {
  const words = wordSpans(text, writing)
  if (words.length === 0) return 0
  const isFunctionWord = (word: TextSpan) => FUNCTION_WORDS.has(bareWord(text.slice(word.start, word.end)).toLowerCase())
  return words.filter(isFunctionWord).length / words.length
}

/**
 * Whether a passage is really English. The paper drops such passages from the other languages' samples, where
 * boilerplate and untranslated pages would otherwise be annotated as, say, Swahili.
 */
export const looksEnglish = (text: string, writing: Writing): boolean =>
  englishFunctionWordShare(text, writing) >= ENGLISH_FUNCTION_WORD_SHARE
