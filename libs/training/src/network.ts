import type { Mlp } from "./mlp.ts"
import { encodeModel, floatTensor, tensorType } from "./onnx.ts"

/** The ONNX versions onnxruntime-node 1.30 loads, as the hand-weighted scorer uses. */
export const IR_VERSION = 8
export const OPSET_VERSION = 17

/** What the ONNX file says about itself. */
export interface NetworkMeta {
  readonly name: string
  readonly version: number
  readonly producer: string
  readonly doc: string
  readonly input: string
  readonly output: string
}

/**
 * A network as ONNX bytes: input [batch, inputs] -> MatMul -> Add -> Relu -> MatMul -> Add -> Sigmoid -> output
 * [batch, 1]. protobufjs writes fields in a fixed order, so the same weights give the same bytes.
 */
export const networkModel = (mlp: Mlp, meta: NetworkMeta): Uint8Array =>
  encodeModel({
    ir_version: IR_VERSION,
    producer_name: meta.producer,
    producer_version: String(meta.version),
    model_version: meta.version,
    doc_string: meta.doc,
    opset_import: [{ domain: "", version: OPSET_VERSION }],
    graph: {
      name: meta.name,
      input: [{ name: meta.input, type: tensorType(["batch", mlp.inputs]) }],
      output: [{ name: meta.output, type: tensorType(["batch", 1]), doc_string: "P(score >= 3) in (0, 1)" }],
      initializer: [
        floatTensor("hidden_weight", [mlp.inputs, mlp.hidden], Array.from(mlp.w1), "[inputs, hidden]"),
        floatTensor("hidden_bias", [mlp.hidden], Array.from(mlp.b1), "[hidden]"),
        floatTensor("output_weight", [mlp.hidden, 1], Array.from(mlp.w2), "[hidden, 1]"),
        floatTensor("output_bias", [1], [mlp.b2], "[1]")
      ],
      node: [
        { name: "hidden_matmul", op_type: "MatMul", input: [meta.input, "hidden_weight"], output: ["hidden_product"] },
        { name: "hidden_add", op_type: "Add", input: ["hidden_product", "hidden_bias"], output: ["hidden_linear"] },
        { name: "hidden_relu", op_type: "Relu", input: ["hidden_linear"], output: ["hidden_units"] },
        { name: "output_matmul", op_type: "MatMul", input: ["hidden_units", "output_weight"], output: ["output_product"] },
        { name: "output_add", op_type: "Add", input: ["output_product", "output_bias"], output: ["logit"] },
        { name: "probability", op_type: "Sigmoid", input: ["logit"], output: [meta.output] }
      ]
    }
  })
