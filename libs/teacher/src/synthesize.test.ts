import { describe, expect, it } from "vitest"
import { synthesize } from "./synthesize.ts"

const examples = [
  { tokens: ["Ali", "visited", "Kano", "."], tags: ["B-PER", "O", "B-LOC", "O"] },
  { tokens: ["Musa", "Bello", "left", "Abuja"], tags: ["B-PER", "I-PER", "O", "B-LOC"] },
  { tokens: ["BBC", "and", "UN", "and", "EU"], tags: ["B-ORG", "O", "B-ORG", "O", "B-ORG"] },
  { tokens: ["It", "rained"], tags: ["O", "O"] }
]

// The rings, by hand: PER [Ali, Musa Bello], LOC [Kano, Abuja], ORG [BBC, UN, EU].
describe("synthesize (the teacher's rule)", () => {
  it("takes example j mod m and gives each mention the one r places on in its type's ring, r = floor(j / m) + 1", () => {
    expect(synthesize(examples, 9)).toEqual([
      // round 1: one place on
      { tokens: ["Musa", "Bello", "visited", "Abuja", "."], tags: ["B-PER", "I-PER", "O", "B-LOC", "O"] },
      { tokens: ["Ali", "left", "Kano"], tags: ["B-PER", "O", "B-LOC"] },
      { tokens: ["UN", "and", "EU", "and", "BBC"], tags: ["B-ORG", "O", "B-ORG", "O", "B-ORG"] },
      { tokens: ["It", "rained"], tags: ["O", "O"] },
      // round 2: two places on, a full turn of the two-mention rings
      { tokens: ["Ali", "visited", "Kano", "."], tags: ["B-PER", "O", "B-LOC", "O"] },
      { tokens: ["Musa", "Bello", "left", "Abuja"], tags: ["B-PER", "I-PER", "O", "B-LOC"] },
      { tokens: ["EU", "and", "BBC", "and", "UN"], tags: ["B-ORG", "O", "B-ORG", "O", "B-ORG"] },
      { tokens: ["It", "rained"], tags: ["O", "O"] },
      // round 3
      { tokens: ["Musa", "Bello", "visited", "Abuja", "."], tags: ["B-PER", "I-PER", "O", "B-LOC", "O"] }
    ])
  })

  it("keeps a type's only mention, and gives fewer points than examples when asked for fewer", () => {
    const single = [{ tokens: ["Paris", "is", "big"], tags: ["B-LOC", "O", "O"] }, ...examples.slice(3)]
    expect(synthesize(single, 1)).toEqual([single[0]])
  })
})
