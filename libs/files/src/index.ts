export { replaceDirectory, WriteError, writeFileAtomic } from "./atomic.ts"
export { canonicalJson, sha256 } from "./canonical.ts"
export { digestBytes, digestFile, FileDigest } from "./digest.ts"
export { decodeJsonText, JsonlError, readJson, readJsonl, toJson, toJsonl } from "./jsonl.ts"
