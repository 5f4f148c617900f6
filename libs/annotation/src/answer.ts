/** Reasoning models may think aloud before answering: only what follows the thinking is the answer. */
export const stripReasoning = (answer: string): string => {
  const answered = answer.replace(/<think>[\s\S]*?<\/think>/giu, "")
  const unfinished = answered.search(/<think>/iu)
  return unfinished === -1 ? answered : answered.slice(0, unfinished)
}

/** The contents of each ``` fenced block, in order; a fence left open runs to the end of the text. */
export const fencedBlocks = (text: string): ReadonlyArray<string> =>
  Array.from(text.matchAll(/```[\w+-]*[^\S\n]*\n?([\s\S]*?)(?:```|$)/gu), (match) => match[1])

/** Where to look for the answer proper: inside fences first, then the whole text. */
export const answerRegions = (text: string): ReadonlyArray<string> => [...fencedBlocks(text), text]
