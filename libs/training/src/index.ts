export { ATTRIBUTE_INT, encodeModel, floatTensor, tensorType } from "./onnx.ts"
export { IR_VERSION, OPSET_VERSION } from "./network.ts"
export { trainScorer } from "./scorer.ts"
export { MalformedFlores, MissingRatings } from "./errors.ts"
