/** Binary precision, recall and F1 of the positive class; null where undefined (nothing predicted, or no positive). */
export interface BinaryScores {
  readonly examples: number
  readonly positives: number
  readonly predictedPositives: number
  readonly truePositives: number
  readonly accuracy: number | null
  readonly precision: number | null
  readonly recall: number | null
  readonly f1: number | null
}

const round = (value: number) => Math.round(value * 1000) / 1000

/** Scores predictions (true: positive) against targets, rounded to three decimals. */
export const binaryScores = (predicted: ReadonlyArray<boolean>, actual: ReadonlyArray<boolean>): BinaryScores => {
  let truePositives = 0
  let correct = 0
  for (let i = 0; i < actual.length; i++) {
    if (predicted[i] && actual[i]) truePositives += 1
    if (predicted[i] === actual[i]) correct += 1
  }
  const predictedPositives = predicted.filter(Boolean).length
  const positives = actual.filter(Boolean).length
  const precision = predictedPositives === 0 ? null : truePositives / predictedPositives
  const recall = positives === 0 ? null : truePositives / positives
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return {
    examples: actual.length,
    positives,
    predictedPositives,
    truePositives,
    accuracy: actual.length === 0 ? null : round(correct / actual.length),
    precision: precision === null ? null : round(precision),
    recall: recall === null ? null : round(recall),
    f1: f1 === null ? null : round(f1)
  }
}

/** The mean of the defined values (a macro average over languages), or null when none is defined. */
export const macro = (values: ReadonlyArray<number | null>): number | null => {
  const defined = values.filter((value): value is number => value !== null)
  return defined.length === 0 ? null : round(defined.reduce((a, b) => a + b, 0) / defined.length)
}
