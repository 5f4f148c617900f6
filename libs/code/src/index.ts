export { codeDigest } from "./digest.ts"
export { closure, type CodeGraph, codeGraph, stagesSource, type Unit } from "./graph.ts"
