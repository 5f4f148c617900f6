export { mapLabel } from "./labels.ts"
export { seqscorePercent } from "./percent.ts"
export { type Mention, type Scores, scoreMentions } from "./score.ts"
export { CoreType } from "./types.ts"
