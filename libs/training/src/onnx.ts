import protobuf from "protobufjs"

/**
 * The subset of onnx.proto (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto, field numbers unchanged) that
 * the scorers need, defined by protobufjs reflection so no generated code or .proto file is shipped.
 */
const onnx = protobuf.Root.fromJSON({
  nested: {
    onnx: {
      nested: {
        AttributeProto: {
          fields: {
            name: { id: 1, type: "string" },
            f: { id: 2, type: "float" },
            i: { id: 3, type: "int64" },
            s: { id: 4, type: "bytes" },
            t: { id: 5, type: "TensorProto" },
            floats: { id: 7, type: "float", rule: "repeated" },
            ints: { id: 8, type: "int64", rule: "repeated" },
            doc_string: { id: 13, type: "string" },
            type: { id: 20, type: "AttributeType" }
          },
          nested: {
            AttributeType: { values: { UNDEFINED: 0, FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7 } }
          }
        },
        ValueInfoProto: {
          fields: {
            name: { id: 1, type: "string" },
            type: { id: 2, type: "TypeProto" },
            doc_string: { id: 3, type: "string" }
          }
        },
        NodeProto: {
          fields: {
            input: { id: 1, type: "string", rule: "repeated" },
            output: { id: 2, type: "string", rule: "repeated" },
            name: { id: 3, type: "string" },
            op_type: { id: 4, type: "string" },
            attribute: { id: 5, type: "AttributeProto", rule: "repeated" },
            doc_string: { id: 6, type: "string" },
            domain: { id: 7, type: "string" }
          }
        },
        ModelProto: {
          fields: {
            ir_version: { id: 1, type: "int64" },
            producer_name: { id: 2, type: "string" },
            producer_version: { id: 3, type: "string" },
            domain: { id: 4, type: "string" },
            model_version: { id: 5, type: "int64" },
            doc_string: { id: 6, type: "string" },
            graph: { id: 7, type: "GraphProto" },
            opset_import: { id: 8, type: "OperatorSetIdProto", rule: "repeated" }
          }
        },
        GraphProto: {
          fields: {
            node: { id: 1, type: "NodeProto", rule: "repeated" },
            name: { id: 2, type: "string" },
            initializer: { id: 5, type: "TensorProto", rule: "repeated" },
            doc_string: { id: 10, type: "string" },
            input: { id: 11, type: "ValueInfoProto", rule: "repeated" },
            output: { id: 12, type: "ValueInfoProto", rule: "repeated" }
          }
        },
        TensorProto: {
          fields: {
            dims: { id: 1, type: "int64", rule: "repeated" },
            data_type: { id: 2, type: "int32" },
            float_data: { id: 4, type: "float", rule: "repeated" },
            name: { id: 8, type: "string" },
            doc_string: { id: 12, type: "string" }
          },
          nested: { DataType: { values: { UNDEFINED: 0, FLOAT: 1 } } }
        },
        TensorShapeProto: {
          fields: { dim: { id: 1, type: "Dimension", rule: "repeated" } },
          nested: {
            Dimension: {
              oneofs: { value: { oneof: ["dim_value", "dim_param"] } },
              fields: {
                dim_value: { id: 1, type: "int64" },
                dim_param: { id: 2, type: "string" }
              }
            }
          }
        },
        TypeProto: {
          fields: { tensor_type: { id: 1, type: "Tensor" } },
          nested: {
            Tensor: {
              fields: {
                elem_type: { id: 1, type: "int32" },
                shape: { id: 2, type: "TensorShapeProto" }
              }
            }
          }
        },
        OperatorSetIdProto: {
          fields: {
            domain: { id: 1, type: "string" },
            version: { id: 2, type: "int64" }
          }
        }
      }
    }
  }
})

const ModelProto = onnx.lookupType("onnx.ModelProto")

/** ONNX's code for float32 elements (TensorProto.DataType.FLOAT). */
export const FLOAT = 1
/** ONNX's code for an integer attribute (AttributeProto.AttributeType.INT). */
export const ATTRIBUTE_INT = 2
/** ONNX's code for a float attribute (AttributeProto.AttributeType.FLOAT). */
export const ATTRIBUTE_FLOAT = 1

/** A dimension: a fixed size, or a named symbolic one such as "batch". */
export type Dimension = number | string

/** A float32 tensor type of the given shape, as a TypeProto. */
export const tensorType = (shape: ReadonlyArray<Dimension>) => ({
  tensor_type: {
    elem_type: FLOAT,
    shape: { dim: shape.map((d) => typeof d === "number" ? { dim_value: d } : { dim_param: d }) }
  }
})

/** A named float32 initializer (weights) of the given dims, as a TensorProto. */
export const floatTensor = (name: string, dims: ReadonlyArray<number>, values: ReadonlyArray<number>, doc: string) => {
  const expected = dims.reduce((a, b) => a * b, 1)
  if (values.length !== expected) throw new Error(`tensor ${name}: ${values.length} values for dims [${dims}]`)
  return { name, dims: [...dims], data_type: FLOAT, float_data: [...values], doc_string: doc }
}

/**
 * Encodes a plain-object ModelProto. protobufjs writes fields in field-number order, so equal objects give equal
 * bytes.
 */
export const encodeModel = (model: Record<string, unknown>): Uint8Array => {
  const problem = ModelProto.verify(model)
  if (problem !== null) throw new Error(`invalid ONNX ModelProto: ${problem}`)
  return ModelProto.encode(ModelProto.fromObject(model)).finish()
}
