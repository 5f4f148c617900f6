import { FEATURE_NAMES } from "#scoring"
import { BIAS, HINGES } from "./heuristic.ts"
import { ATTRIBUTE_INT, encodeModel, floatTensor, IR_VERSION, OPSET_VERSION, tensorType } from "#training"

export { IR_VERSION, OPSET_VERSION }
export const MODEL_NAME = "finerweb-heuristic-scorer"
export const MODEL_VERSION = 1
export const INPUT_NAME = "features"
export const OUTPUT_NAME = "score"

/** Hidden-layer weights [H, F] and biases [H]: unit h is relu(±(x[feature] - knot)). */
const hiddenLayer = () => {
  const width = FEATURE_NAMES.length
  const weights = new Array<number>(HINGES.length * width).fill(0)
  const biases = HINGES.map((hinge, h) => {
    const sign = hinge.side === "above" ? 1 : -1
    weights[h * width + FEATURE_NAMES.indexOf(hinge.feature)] = sign
    return -sign * hinge.knot
  })
  return { weights, biases }
}

const gemm = (name: string, inputs: ReadonlyArray<string>, output: string) => ({
  name,
  op_type: "Gemm",
  input: [...inputs],
  output: [output],
  // Weights are stored [out, in] like a linear layer, so B is transposed.
  attribute: [{ name: "transB", type: ATTRIBUTE_INT, i: 1 }]
})

/** The scorer as ONNX bytes: features [batch, F] -> Gemm -> Relu -> Gemm -> Sigmoid -> score [batch, 1]. */
export const scorerModel = (): Uint8Array => {
  const hidden = hiddenLayer()
  const units = HINGES.length
  return encodeModel({
    ir_version: IR_VERSION,
    producer_name: "finerweb tools/scorer/write-model.ts",
    producer_version: String(MODEL_VERSION),
    model_version: MODEL_VERSION,
    doc_string: "Hand-weighted stand-in passage scorer (not trained): P(passage is prose worth annotating for NER).",
    opset_import: [{ domain: "", version: OPSET_VERSION }],
    graph: {
      name: MODEL_NAME,
      doc_string: `Hidden units, in order: ${HINGES.map((h) => `${h.feature} ${h.side} ${h.knot}`).join("; ")}`,
      input: [{ name: INPUT_NAME, type: tensorType(["batch", FEATURE_NAMES.length]), doc_string: FEATURE_NAMES.join(",") }],
      output: [{ name: OUTPUT_NAME, type: tensorType(["batch", 1]), doc_string: "usefulness for NER in (0, 1)" }],
      initializer: [
        floatTensor("hidden_weight", [units, FEATURE_NAMES.length], hidden.weights, "one-hot feature selectors, ±1"),
        floatTensor("hidden_bias", [units], hidden.biases, "minus the hinge knots"),
        floatTensor("output_weight", [1, units], HINGES.map((h) => h.weight), "each hinge's effect on the logit"),
        floatTensor("output_bias", [1], [BIAS], "logit with every hinge at zero")
      ],
      node: [
        gemm("hidden", [INPUT_NAME, "hidden_weight", "hidden_bias"], "hidden_linear"),
        { name: "hinges", op_type: "Relu", input: ["hidden_linear"], output: ["hidden_hinges"] },
        gemm("logit", ["hidden_hinges", "output_weight", "output_bias"], "logit"),
        { name: "probability", op_type: "Sigmoid", input: ["logit"], output: [OUTPUT_NAME] }
      ]
    }
  })
}
