import { assert, describe, it } from "@effect/vitest"
import { evaluatedTypesOf, goldTypesOf } from "./types.ts"

const evaluated = (family: string) => {
  const goldTypes = goldTypesOf(family)
  assert.isDefined(goldTypes)
  return evaluatedTypesOf(goldTypes!)
}

describe("gold-types.json", () => {
  it("evaluates MasakhaNER on its own four types", () => {
    assert.deepStrictEqual(goldTypesOf("masakhaner"), { PER: "PER", LOC: "LOC", ORG: "ORG", DATE: "DATE" })
    assert.deepStrictEqual(evaluated("masakhaner"), ["PER", "LOC", "ORG", "DATE"])
  })

  it("evaluates UNER on PER, LOC and ORG, leaving OTH out", () => {
    assert.deepStrictEqual(goldTypesOf("uner"), { PER: "PER", LOC: "LOC", ORG: "ORG", OTH: null })
    assert.deepStrictEqual(evaluated("uner"), ["PER", "LOC", "ORG"])
  })

  it("maps ThaiNER's PERSON, LOCATION, ORGANIZATION and DATE and leaves its ten other types out", () => {
    const thainer = goldTypesOf("thainer")!
    assert.deepStrictEqual(
      Object.entries(thainer).filter(([, type]) => type !== null),
      [["PERSON", "PER"], ["LOCATION", "LOC"], ["ORGANIZATION", "ORG"], ["DATE", "DATE"]]
    )
    assert.sameMembers(
      Object.keys(thainer).filter((type) => thainer[type] === null),
      ["MONEY", "TIME", "FACILITY", "LAW", "LEN", "AGO", "PERCENT", "URL", "PHONE", "T"]
    )
    assert.deepStrictEqual(evaluated("thainer"), ["PER", "LOC", "ORG", "DATE"])
  })

  it("knows no other family, nor one named like an object's own property", () => {
    assert.isUndefined(goldTypesOf("conll"))
    assert.isUndefined(goldTypesOf("toString"))
  })
})
