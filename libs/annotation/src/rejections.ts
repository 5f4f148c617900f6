import { RejectionReason } from "#schema"

/** How many answers, or parts of answers, were rejected for each reason; a reason that never occurred is absent. */
export type Rejections = Partial<Record<RejectionReason, number>>

/** Adds `count` rejections for `reason` to a tally being built; a zero count leaves the tally as it is. */
export const addRejection = (tally: Rejections, reason: RejectionReason, count = 1): void => {
  if (count > 0) tally[reason] = (tally[reason] ?? 0) + count
}

/** Sums tallies, e.g. parsing's and alignment's for one passage (a `RejectionCounts` of `#schema`). */
export const mergeRejections = (...tallies: ReadonlyArray<Rejections>): Rejections => {
  const total: Rejections = {}
  for (const tally of tallies) {
    for (const reason of RejectionReason.literals) addRejection(total, reason, tally[reason] ?? 0)
  }
  return total
}
