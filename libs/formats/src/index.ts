export { toSentenceRecords } from "./records.ts"
export type { SentenceRecords } from "./records.ts"
export { huggingFacePath, recordsToParquet } from "./parquet.ts"
