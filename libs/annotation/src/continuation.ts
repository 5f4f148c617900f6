/**
 * Signs that the model went on writing the prompt or the conversation instead of answering: the passage's tags,
 * a new user turn, or a chat template's special tokens.
 */
const continuationMarkers: ReadonlyArray<RegExp> = [
  /<\/?passage\b/iu,
  /^[^\S\n]*(?:user|human)[^\S\n]*:/imu,
  /<\|(?:im_start|im_end|user|system|endoftext)\|>/iu
]

/**
 * How long a stretch of the prompt (white space collapsed) an answer may repeat before it counts as an echo.
 * Long enough that no genuine mention, nor a list of them, reaches it.
 */
const echoLength = 120

/** Whether the answer continues or echoes the prompt instead of answering it. */
export const continuesPrompt = (answer: string, prompt?: string): boolean =>
  continuationMarkers.some((marker) => marker.test(answer)) ||
  (prompt !== undefined && sharesStretch(collapseSpace(answer), collapseSpace(prompt), echoLength))

const collapseSpace = (text: string): string => text.replace(/\s+/gu, " ")

/**
 * Whether `a` and `b` share a substring of at least `length` units. Any such substring holds a whole block of
 * `length / 2` units starting at a multiple of that in `a`, so only those blocks are looked up in `b`, then extended.
 */
export const sharesStretch = (a: string, b: string, length: number): boolean => {
  const block = Math.max(1, Math.floor(length / 2))
  for (let start = 0; start + block <= a.length; start += block) {
    const piece = a.slice(start, start + block)
    for (let found = b.indexOf(piece); found !== -1; found = b.indexOf(piece, found + 1)) {
      let before = 0
      while (start - before > 0 && found - before > 0 && a[start - before - 1] === b[found - before - 1]) before += 1
      let after = 0
      while (
        start + block + after < a.length && found + block + after < b.length &&
        a[start + block + after] === b[found + block + after]
      ) after += 1
      if (before + block + after >= length) return true
    }
  }
  return false
}
