export { seqscorePercent } from "./percent.ts"
export { type Mention, type Scores, scoreMentions } from "./score.ts"
