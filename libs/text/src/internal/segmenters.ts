const cache = new Map<string, Intl.Segmenter>()

/** One `Intl.Segmenter` per locale and granularity: building one loads ICU's rules, so they are kept. */
export const segmenter = (locale: string, granularity: "word" | "sentence"): Intl.Segmenter => {
  const key = `${granularity} ${locale}`
  const cached = cache.get(key)
  if (cached !== undefined) return cached
  const made = new Intl.Segmenter(locale, { granularity })
  cache.set(key, made)
  return made
}
