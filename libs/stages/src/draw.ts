import { sha256 } from "#files"

/**
 * The first `count` items ranked by the sha256 of `<seed>:<id>`: a seeded draw that does not depend on the order the
 * items come in, as judge, evaluate and synthesize draw their samples. Returned in rank order.
 */
export const drawBySeed = <A>(
  items: ReadonlyArray<A>,
  idOf: (item: A) => string,
  seed: string,
  count: number
): Array<A> =>
  items
    .map((item) => ({ item, rank: sha256(`${seed}:${idOf(item)}`) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
    .slice(0, count)
    .map(({ item }) => item)
