import { looksEnglish } from "#scoring"
import type { Writing } from "#text"

export interface SelectionOptions {
  /** Keep passages scoring strictly above it (the paper: prediction > 0.5). */
  readonly threshold: number
  /** Drop passages that are really English (for every language but English). */
  readonly rejectEnglish: boolean
  /** The language's writing, in which the English test cuts words. */
  readonly writing: Writing
  /** Stop once this many passages are kept (the paper: 2,500 per language). */
  readonly target: number
}

export interface Selection<P> {
  readonly kept: ReadonlyArray<{ readonly passage: P; readonly score: number }>
  readonly belowThreshold: number
  readonly english: number
  /** Chunks not looked at because an earlier chunk of their document was kept. */
  readonly laterChunks: number
}

/**
 * The paper's selection: walking the passages in sample order, keep the first chunk of each document whose score
 * is above the threshold and that is not really English, until the target is met.
 */
export const selectPassages = <P extends { readonly document: string; readonly text: string }>(
  passages: ReadonlyArray<P>,
  scores: ReadonlyArray<number>,
  options: SelectionOptions
): Selection<P> => {
  const kept: Array<{ passage: P; score: number }> = []
  const settled = new Set<string>()
  let belowThreshold = 0
  let english = 0
  let laterChunks = 0
  for (let index = 0; index < passages.length && kept.length < options.target; index++) {
    const passage = passages[index]
    if (settled.has(passage.document)) laterChunks++
    else if (scores[index] <= options.threshold) belowThreshold++
    else if (options.rejectEnglish && looksEnglish(passage.text, options.writing)) english++
    else {
      settled.add(passage.document)
      kept.push({ passage, score: scores[index] })
    }
  }
  return { kept, belowThreshold, english, laterChunks }
}
