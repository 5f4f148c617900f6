/**
 * Hashed character n-grams: the trained scorer's language-agnostic features. Every script is a sequence of code
 * points, so one featurizer serves all 91 languages without a tokenizer or a vocabulary.
 */

/** Which n-grams and into how many buckets. */
export interface NgramSpec {
  /** Buckets: the width of the model's input. */
  readonly dimensions: number
  /** The shortest and longest n-gram, in code points. */
  readonly minN: number
  readonly maxN: number
}

/** A feature vector as its non-zero buckets, in increasing order. */
export interface SparseVector {
  readonly indices: Uint32Array
  readonly values: Float32Array
}

/**
 * Lower case, every decimal digit as "0" (a number's shape, not its value), a run of white space holding a line break
 * as one "\n" (lines matter: menus, lists) and any other run as one space, padded with a space at each end.
 */
export const normalizeForNgrams = (text: string): string =>
  ` ${
    text.normalize("NFC").toLowerCase().replace(/\p{Nd}/gu, "0").replace(/\s+/gu, (run) => (run.includes("\n") ? "\n" : " "))
      .trim()
  } `

/** FNV-1a, 32 bits, over UTF-16 code units: fast, well spread, and the same in every JavaScript engine. */
const fnv1a = (text: string): number => {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** The bucket of one n-gram. */
export const ngramBucket = (gram: string, dimensions: number): number => fnv1a(gram) % dimensions

/**
 * The features of a text: each n-gram of the normalised text counted in its bucket, each count c taken as
 * ln(1 + c) so that a repeated n-gram does not drown the rest, and the vector scaled to unit length (a long passage
 * and a short one are comparable). A text with no n-gram gives the zero vector. FNV-1a reads its input in order, so
 * the n-grams starting at one code point are hashed by extending the hash of the shorter one (`ngramBucket` of each
 * n-gram, without building its string).
 */
export const ngramFeatures = (text: string, spec: NgramSpec): SparseVector => {
  const points = [...normalizeForNgrams(text)]
  const counts = new Map<number, number>()
  for (let i = 0; i < points.length; i++) {
    let hash = 0x811c9dc5
    for (let n = 1; n <= spec.maxN && i + n <= points.length; n++) {
      const point = points[i + n - 1]
      for (let unit = 0; unit < point.length; unit++) {
        hash ^= point.charCodeAt(unit)
        hash = Math.imul(hash, 0x01000193)
      }
      if (n < spec.minN) continue
      const bucket = (hash >>> 0) % spec.dimensions
      counts.set(bucket, (counts.get(bucket) ?? 0) + 1)
    }
  }
  const indices = Uint32Array.from([...counts.keys()].sort((a, b) => a - b))
  const values = Float64Array.from(indices, (index) => Math.log1p(counts.get(index)!))
  const norm = Math.sqrt(values.reduce((sum, value) => sum + value * value, 0))
  return { indices, values: Float32Array.from(values, (value) => (norm === 0 ? 0 : value / norm)) }
}

/** The dense form of a sparse vector, as the model's input tensor holds it. */
export const densify = (vector: SparseVector, dimensions: number): Float32Array => {
  const dense = new Float32Array(dimensions)
  vector.indices.forEach((index, i) => (dense[index] = vector.values[i]))
  return dense
}
