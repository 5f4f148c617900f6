import type { ScoreDecision } from "#schema"

/** What language ID made of a passage: the share of its letters in other languages, the main one, and the verdict. */
export interface LanguageJudgement {
  readonly share: number
  readonly language: string | null
  readonly reject: boolean
}

export interface SelectionOptions {
  /** Keep passages scoring strictly above it (the paper: prediction > 0.5). */
  readonly threshold: number
  /** Stop keeping once this many passages are kept (the paper: 2,500 per language). */
  readonly target: number
  /** Language ID of a passage's text; asked only of passages that would otherwise be kept. */
  readonly judgeLanguage: (text: string) => LanguageJudgement
}

/** One passage's fate, as `scores.jsonl` records it. */
export interface Decided {
  readonly decision: ScoreDecision
  /** Null where language ID did not look at the passage. */
  readonly otherShare: number | null
  readonly otherLanguage: string | null
}

export interface SelectionCounts {
  readonly kept: number
  readonly belowThreshold: number
  readonly otherLanguage: number
  /** Passages rejected as another language, by the language detected. */
  readonly otherLanguages: Readonly<Record<string, number>>
  /** Chunks not looked at because an earlier chunk of their document was kept. */
  readonly laterChunks: number
  /** Passages not looked at because the target was met before them. */
  readonly afterTarget: number
}

/**
 * The paper's selection, one passage at a time in sample order so that it runs over a stream: keep the first chunk
 * of each document whose score is above the threshold and that is not mostly in another language, until the target
 * is met. It remembers only the kept documents (at most `target`).
 */
export const makeSelection = (options: SelectionOptions) => {
  const settled = new Set<string>()
  const counts = { kept: 0, belowThreshold: 0, otherLanguage: 0, laterChunks: 0, afterTarget: 0 }
  const otherLanguages: Record<string, number> = {}
  const skip = (decision: ScoreDecision): Decided => ({ decision, otherShare: null, otherLanguage: null })

  const decide = (passage: { readonly document: string; readonly text: string }, score: number): Decided => {
    if (counts.kept >= options.target) {
      counts.afterTarget++
      return skip("after-target")
    }
    if (settled.has(passage.document)) {
      counts.laterChunks++
      return skip("later-chunk")
    }
    if (score <= options.threshold) {
      counts.belowThreshold++
      return skip("below-threshold")
    }
    const judged = options.judgeLanguage(passage.text)
    const found = { otherShare: judged.share, otherLanguage: judged.language }
    if (judged.reject) {
      counts.otherLanguage++
      const language = judged.language ?? "und"
      otherLanguages[language] = (otherLanguages[language] ?? 0) + 1
      return { decision: "other-language", ...found }
    }
    settled.add(passage.document)
    counts.kept++
    return { decision: "kept", ...found }
  }

  const totals = (): SelectionCounts => ({ ...counts, otherLanguages: { ...otherLanguages } })
  return { decide, totals }
}
