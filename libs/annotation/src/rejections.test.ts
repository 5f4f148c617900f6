import { describe, expect, it } from "vitest"
import { Schema } from "effect"
import { RejectionCounts } from "#schema"
import { mergeRejections } from "./rejections.ts"

describe("mergeRejections", () => {
  it("sums tallies by reason, leaving out reasons that never occurred", () => {
    const merged = mergeRejections({ truncated: 1, malformed: 2 }, {}, { malformed: 1, "mention-not-in-text": 3 })
    expect(merged).toEqual({ truncated: 1, malformed: 3, "mention-not-in-text": 3 })
    expect(Schema.decodeUnknownSync(RejectionCounts)(merged)).toEqual(merged)
  })
})
