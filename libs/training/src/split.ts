import { drawBySeed } from "#stages"

/**
 * A held-out split stratified by language: within each language, the first round(share x count) items of the seeded
 * draw the stages use (ranked by sha256 of `<seed>:<id>`) are held out, so every language keeps its share in both
 * parts and the split does not depend on the order the items come in.
 */
export const holdOut = <A>(
  byLanguage: ReadonlyMap<string, ReadonlyArray<A>>,
  idOf: (item: A) => string,
  seed: string,
  share: number
) => {
  const train: Array<{ readonly language: string; readonly item: A }> = []
  const test: Array<{ readonly language: string; readonly item: A }> = []
  for (const [language, items] of byLanguage) {
    const held = new Set(drawBySeed(items, idOf, seed, Math.round(share * items.length)))
    for (const item of items) (held.has(item) ? test : train).push({ language, item })
  }
  return { train, test }
}
