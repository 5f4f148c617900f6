export { toSentenceRecords } from "./records.ts"
export type { SentenceRecords } from "./records.ts"
export { splitSentences } from "./sentences.ts"
export type { Sentence } from "./sentences.ts"
