import type { SparseVector } from "#scoring"
import type { Mlp } from "./mlp.ts"
import { seededRandom, shuffle } from "./random.ts"

/** One training example: the passage's features and its binary target. */
export interface Example {
  readonly x: SparseVector
  readonly y: 0 | 1
}

/** How the network is fitted. */
export interface TrainOptions {
  readonly inputs: number
  readonly hidden: number
  readonly epochs: number
  readonly batchSize: number
  /** Adam's step size (beta1 0.9, beta2 0.999, epsilon 1e-8, as in Kingma and Ba). */
  readonly learningRate: number
  /** L2 penalty on the weights (not the biases), added to the mean loss of a batch. */
  readonly l2: number
  /** Seeds the initial weights and the order of every epoch. */
  readonly seed: string
}

const beta1 = 0.9
const beta2 = 0.999
const epsilon = 1e-8

/** One parameter tensor with its gradient and Adam's two moments, in float64 while training. */
const tensor = (size: number) => ({
  value: new Float64Array(size),
  gradient: new Float64Array(size),
  m: new Float64Array(size),
  v: new Float64Array(size)
})
type Tensor = ReturnType<typeof tensor>

const adamStep = (t: Tensor, step: number, learningRate: number) => {
  const correction1 = 1 - beta1 ** step
  const correction2 = 1 - beta2 ** step
  for (let i = 0; i < t.value.length; i++) {
    const g = t.gradient[i]
    t.m[i] = beta1 * t.m[i] + (1 - beta1) * g
    t.v[i] = beta2 * t.v[i] + (1 - beta2) * g * g
    t.value[i] -= (learningRate * (t.m[i] / correction1)) / (Math.sqrt(t.v[i] / correction2) + epsilon)
    t.gradient[i] = 0
  }
}

/**
 * Fits a one-hidden-layer network to binary targets by minibatch Adam on the mean binary cross-entropy plus an L2
 * penalty. Weights start Glorot-uniform from the seed, biases at zero; each epoch visits the examples in an order
 * drawn from the same seeded stream. All arithmetic is float64 in a fixed order, so the same examples, options and
 * seed give the same weights, bit for bit; they are rounded to float32 at the end, as the ONNX model stores them.
 * Returns the network and the mean training loss of each epoch.
 */
export const trainMlp = (examples: ReadonlyArray<Example>, options: TrainOptions) => {
  const { inputs, hidden } = options
  const random = seededRandom(options.seed)
  const w1 = tensor(inputs * hidden)
  const b1 = tensor(hidden)
  const w2 = tensor(hidden)
  const b2 = tensor(1)
  const glorot = (t: Tensor, fanIn: number, fanOut: number) => {
    const limit = Math.sqrt(6 / (fanIn + fanOut))
    for (let i = 0; i < t.value.length; i++) t.value[i] = (2 * random() - 1) * limit
  }
  glorot(w1, inputs, hidden)
  glorot(w2, hidden, 1)

  const z = new Float64Array(hidden)
  const losses: Array<number> = []
  let step = 0
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const order = shuffle(examples, random)
    let loss = 0
    for (let start = 0; start < order.length; start += options.batchSize) {
      const batch = order.slice(start, start + options.batchSize)
      for (const { x, y } of batch) {
        let logit = b2.value[0]
        for (let h = 0; h < hidden; h++) {
          let sum = b1.value[h]
          for (let k = 0; k < x.indices.length; k++) sum += x.values[k] * w1.value[x.indices[k] * hidden + h]
          z[h] = sum
          logit += w2.value[h] * Math.max(0, sum)
        }
        const p = 1 / (1 + Math.exp(-logit))
        // Cross-entropy from the logit, stable at both ends: log(1 + e^-|l|) + max(l, 0) - y l.
        loss += Math.log1p(Math.exp(-Math.abs(logit))) + Math.max(logit, 0) - y * logit
        const d = (p - y) / batch.length
        b2.gradient[0] += d
        for (let h = 0; h < hidden; h++) {
          if (z[h] <= 0) continue
          w2.gradient[h] += d * z[h]
          const dz = d * w2.value[h]
          b1.gradient[h] += dz
          for (let k = 0; k < x.indices.length; k++) w1.gradient[x.indices[k] * hidden + h] += x.values[k] * dz
        }
      }
      for (const t of [w1, w2]) for (let i = 0; i < t.value.length; i++) t.gradient[i] += options.l2 * t.value[i]
      step += 1
      for (const t of [w1, b1, w2, b2]) adamStep(t, step, options.learningRate)
    }
    losses.push(loss / Math.max(1, order.length))
  }
  const mlp: Mlp = {
    inputs,
    hidden,
    w1: Float32Array.from(w1.value),
    b1: Float32Array.from(b1.value),
    w2: Float32Array.from(w2.value),
    b2: Math.fround(b2.value[0])
  }
  return { mlp, losses }
}
