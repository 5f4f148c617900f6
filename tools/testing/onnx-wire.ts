/**
 * Protobuf's wire format, as far as the test models' onnx.proto messages need it: non-negative varints and
 * length-delimited fields (field numbers as in https://github.com/onnx/onnx/blob/main/onnx/onnx.proto).
 */
export type Bytes = Array<number>
export const varint = (value: number): Bytes => value < 128 ? [value] : [(value % 128) | 128, ...varint(Math.floor(value / 128))]
export const int = (field: number, value: number): Bytes => [...varint(field * 8), ...varint(value)]
export const bytes = (field: number, content: Bytes): Bytes => [...varint(field * 8 + 2), ...varint(content.length), ...content]
export const text = (field: number, value: string) => bytes(field, [...new TextEncoder().encode(value)])
export const message = (field: number, parts: ReadonlyArray<Bytes>) => bytes(field, parts.flat())

export const INT64 = 7
export const FLOAT = 1
export const valueInfo = (name: string, elementType: number, shape: ReadonlyArray<number | string>) => [
  text(1, name),
  message(2, [message(1, [
    int(1, elementType),
    message(2, shape.map((d) => message(1, [typeof d === "number" ? int(1, d) : text(2, d)])))
  ])])
]
export const initializer = (name: string, dims: ReadonlyArray<number>, values: ReadonlyArray<number>) => [
  ...dims.map((d) => int(1, d)),
  int(2, FLOAT),
  text(8, name),
  bytes(9, [...new Uint8Array(new Float32Array(values).buffer)])
]
export const intAttribute = (name: string, value: number) => [text(1, name), int(3, value), int(20, 2)]
export const intsAttribute = (name: string, values: ReadonlyArray<number>) => [text(1, name), ...values.map((v) => int(8, v)), int(20, 7)]
export const node = (op: string, inputs: ReadonlyArray<string>, output: string, attributes: ReadonlyArray<Array<Bytes>> = []) => [
  ...inputs.map((input) => text(1, input)),
  text(2, output),
  text(4, op),
  ...attributes.map((attribute) => message(5, attribute))
]

