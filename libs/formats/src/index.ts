export { toSentenceRecords } from "./records.ts"
export type { SentenceRecords } from "./records.ts"
