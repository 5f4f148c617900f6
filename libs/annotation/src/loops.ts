/** A block repeated more than this many times in a row is a run-on loop, not a list. */
const maxRepeats = 3
/** The longest block of items that a loop is looked for in. */
const maxLoopPeriod = 8

/** Loops collapsed to one copy each, and how many loops there were. */
export type Collapsed<A> = { readonly kept: ReadonlyArray<A>; readonly loops: number }

/**
 * Collapses run-on loops: a block of 1 to `maxLoopPeriod` consecutive items (compared by `key`) repeated more than
 * `maxRepeats` times in a row, a trailing partial copy included, is kept once. A run for which `isGenuine(run)`
 * holds is kept whole: a passage may name the same entity many times.
 */
export const collapseLoops = <A>(
  items: ReadonlyArray<A>,
  key: (item: A) => string,
  isGenuine: (run: ReadonlyArray<A>) => boolean
): Collapsed<A> => {
  const keys = items.map(key)
  const kept: Array<A> = []
  let loops = 0
  let index = 0
  while (index < items.length) {
    const loop = findLoop(keys, index)
    if (loop !== null && !isGenuine(items.slice(index, index + loop.length))) {
      kept.push(...items.slice(index, index + loop.period))
      loops += 1
      index += loop.length
    } else {
      kept.push(items[index])
      index += 1
    }
  }
  return { kept, loops }
}

const findLoop = (keys: ReadonlyArray<string>, start: number): { period: number; length: number } | null => {
  for (let period = 1; period <= maxLoopPeriod; period += 1) {
    let length = period
    while (start + length + period <= keys.length && sameBlock(keys, start, start + length, period)) length += period
    if (length / period <= maxRepeats) continue
    while (start + length < keys.length && keys[start + length] === keys[start + length - period]) length += 1
    return { period, length }
  }
  return null
}

const sameBlock = (keys: ReadonlyArray<string>, first: number, second: number, period: number): boolean => {
  for (let offset = 0; offset < period; offset += 1) {
    if (keys[first + offset] !== keys[second + offset]) return false
  }
  return true
}
