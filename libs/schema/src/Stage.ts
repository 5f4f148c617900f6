import { Schema } from "effect"

/** The six stages, in build order; each is one cached Nx target per language. */
export const stages = ["sample", "score", "annotate", "judge", "translate", "export"] as const
export const Stage = Schema.Literals(stages)
export type Stage = typeof Stage.Type
