import { Schema } from "effect"
import { CoreType, coreTypes } from "#schema"
import goldTypesFile from "../gold-types.json" with { type: "json" }


/** `gold-types.json`: per gold set family, each gold type's core type, or null for a type that is not evaluated. */
const GoldTypeMap = Schema.Struct({
  version: Schema.Int,
  families: Schema.Record(Schema.String, Schema.Record(Schema.String, Schema.NullOr(CoreType)))
})

const goldTypeMap = Schema.decodeUnknownSync(GoldTypeMap)(goldTypesFile)

export const goldTypeMapVersion = goldTypeMap.version

/** A family's map from gold type to core type, or undefined for a family the map does not know. */
export const goldTypesOf = (family: string): Readonly<Record<string, CoreType | null>> | undefined =>
  Object.hasOwn(goldTypeMap.families, family) ? goldTypeMap.families[family] : undefined

/** The core types a family is evaluated on: the targets of its map, in `coreTypes` order. */
export const evaluatedTypesOf = (goldTypes: Readonly<Record<string, CoreType | null>>): Array<CoreType> =>
  coreTypes.filter((type) => Object.values(goldTypes).includes(type))
