import type { OutputHead } from "./manifest.ts"

/**
 * One score per row of a transformer's [rows, classes] output, by its head; a string says why the output does not
 * fit the head.
 */
export const headScores = (
  output: OutputHead,
  data: Float32Array,
  rows: number
): ReadonlyArray<number> | string => {
  const classes = rows === 0 ? 0 : data.length / rows
  if (rows > 0 && !Number.isInteger(classes)) return `${data.length} values for ${rows} passages`
  switch (output.head) {
    case "regression":
    case "sigmoid": {
      if (rows > 0 && classes !== 1) return `${classes} values per passage, but a ${output.head} head has one`
      return output.head === "regression"
        ? Array.from(data)
        : Array.from(data, (logit) => 1 / (1 + Math.exp(-logit)))
    }
    case "softmax": {
      if (rows > 0 && output.positive >= classes) {
        return `${classes} classes per passage, but the positive class is ${output.positive}`
      }
      return Array.from({ length: rows }, (_, row) => {
        const logits = data.subarray(row * classes, (row + 1) * classes)
        // Shifted by the row's largest logit so exp cannot overflow.
        const top = Math.max(...logits)
        const sum = logits.reduce((total, logit) => total + Math.exp(logit - top), 0)
        return Math.exp(logits[output.positive] - top) / sum
      })
    }
  }
}
