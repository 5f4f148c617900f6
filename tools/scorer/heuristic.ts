import type { FeatureName } from "#scoring"

/**
 * One hidden unit of the scorer: a hinge `relu(x - knot)` ("above") or `relu(knot - x)` ("below") on one feature,
 * and the weight with which it moves the output logit. Summed, the hinges give each feature a piecewise-linear
 * effect (a generalised additive model), which a 2-layer MLP `Sigmoid(W2 · Relu(W1 · x + b1) + b2)` computes exactly.
 */
export interface Hinge {
  readonly feature: FeatureName
  readonly side: "above" | "below"
  readonly knot: number
  readonly weight: number
  readonly why: string
}

/**
 * The hand-set weights of the stand-in scorer. They were chosen so that clean prose of 30+ words in any script lands
 * clearly above 0.5 and menus, number lists, tables, symbol runs, repeated tokens and fragments under ~12 words land
 * clearly below; `libs/scoring/src/Scorer.test.ts` holds them to that on hand-written samples.
 */
export const HINGES: ReadonlyArray<Hinge> = [
  { feature: "words", side: "above", knot: 0, weight: 6, why: "longer passages score higher, up to 256 words" },
  { feature: "words", side: "below", knot: 0.62, weight: -25, why: "under ~30 words the score falls steeply" },
  { feature: "letters", side: "above", knot: 0, weight: 4, why: "prose is mostly letters" },
  { feature: "letters", side: "below", knot: 0.8, weight: -20, why: "under 80% letters: numbers, code, tables" },
  { feature: "punctuation", side: "above", knot: 0.12, weight: -15, why: "more than 12% punctuation: lists, markup" },
  { feature: "symbols", side: "above", knot: 0.02, weight: -20, why: "more than 2% symbols: tables, prices, emoji" },
  { feature: "variety", side: "above", knot: 0, weight: 3, why: "varied wording" },
  { feature: "variety", side: "below", knot: 0.45, weight: -12, why: "repeated words: spam, keyword lists" },
  { feature: "lines", side: "above", knot: 0.05, weight: -10, why: "a line break every few words: menus, lists" },
  { feature: "capitalised", side: "above", knot: 0, weight: 10, why: "capitalised words inside sentences: names" },
  { feature: "capitalised", side: "above", knot: 0.15, weight: -10, why: "the name bonus stops at 15% of words" },
  { feature: "capitalised", side: "above", knot: 0.45, weight: -8, why: "title case everywhere: headings, menus" },
  { feature: "numeric", side: "above", knot: 0, weight: 10, why: "some numbers: years, dates, quantities" },
  { feature: "numeric", side: "above", knot: 0.05, weight: -10, why: "the number bonus stops at 5% of words" },
  { feature: "numeric", side: "above", knot: 0.2, weight: -12, why: "more than 20% numbers: tables, price lists" }
]

/** The output bias: with it, 30 words of clean prose with no names or numbers score about 0.85. */
export const BIAS = -8.5
