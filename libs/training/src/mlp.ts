import type { SparseVector } from "#scoring"

/**
 * A one-hidden-layer perceptron `sigmoid(w2 · relu(x W1 + b1) + b2)`, weights in float32 as the ONNX model holds them:
 * `w1` is [inputs, hidden] row-major (MatMul's layout), `w2` is [hidden].
 */
export interface Mlp {
  readonly inputs: number
  readonly hidden: number
  readonly w1: Float32Array
  readonly b1: Float32Array
  readonly w2: Float32Array
  readonly b2: number
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z))

/** The network's output for a dense input, computed plainly (the reference the ONNX model is checked against). */
export const forward = (mlp: Mlp, x: Float32Array): number => {
  let logit = mlp.b2
  for (let h = 0; h < mlp.hidden; h++) {
    let z = mlp.b1[h]
    for (let i = 0; i < mlp.inputs; i++) z += x[i] * mlp.w1[i * mlp.hidden + h]
    logit += mlp.w2[h] * Math.max(0, z)
  }
  return sigmoid(logit)
}

/** The same for a sparse input, touching only its non-zero rows of `w1`. */
export const forwardSparse = (mlp: Mlp, x: SparseVector): number => {
  let logit = mlp.b2
  for (let h = 0; h < mlp.hidden; h++) {
    let z = mlp.b1[h]
    for (let k = 0; k < x.indices.length; k++) z += x.values[k] * mlp.w1[x.indices[k] * mlp.hidden + h]
    logit += mlp.w2[h] * Math.max(0, z)
  }
  return sigmoid(logit)
}
