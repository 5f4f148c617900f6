import { assert, describe, it } from "@effect/vitest"
import { readFileSync } from "node:fs"
import { mapLabel } from "./labels.ts"

const labelsFile = JSON.parse(readFileSync(new URL("../labels.json", import.meta.url), "utf8")) as {
  version: number
  types: Record<string, Array<string>>
  notCore: Array<string>
}

const expectMapped = (expected: Record<string, string | null>) => {
  for (const [label, type] of Object.entries(expected)) assert.strictEqual(mapLabel(label), type, label)
}

describe("mapLabel", () => {
  it("maps every label the offline teacher emits as the teacher means it", () => {
    expectMapped({
      person: "PER",
      organization: "ORG",
      company: "ORG",
      university: "ORG",
      "political party": "ORG",
      "government body": "ORG",
      "sports team": "ORG",
      newspaper: "ORG",
      country: "LOC",
      city: "LOC",
      region: "LOC",
      continent: "LOC",
      river: "LOC",
      mountain: "LOC",
      month: "DATE",
      year: "DATE",
      date: "DATE",
      language: null,
      currency: null,
      nationality: null,
      "proper name": null
    })
  })

  it("maps common free-form labels of people, places, organisations and dates", () => {
    expectMapped({
      politician: "PER",
      footballer: "PER",
      "prime minister": "PER",
      "head of state": "PER",
      "fictional character": "PER",
      "person name": "PER",
      town: "LOC",
      island: "LOC",
      "geopolitical entity": "LOC",
      "body of water": "LOC",
      "member state": "LOC",
      ministry: "ORG",
      "news agency": "ORG",
      band: "ORG",
      "record label": "ORG",
      "radio station": "ORG",
      century: "DATE",
      "time period": "DATE",
      "day of the week": "DATE"
    })
  })

  it("knows labels that name no core type: quantities, products, events, works, laws, facilities", () => {
    expectMapped({
      money: null,
      percentage: null,
      disease: null,
      product: null,
      event: null,
      law: null,
      "ethnic group": null,
      airport: null,
      stadium: null,
      time: null,
      "time zone": null
    })
  })

  it("falls back to the head noun, the label's last word", () => {
    expectMapped({
      "football club": "ORG",
      "capital city": "LOC",
      "us president": "PER",
      "u.s. president": "PER",
      "humanitarian organization": "ORG",
      "ancient kingdom": "LOC",
      "fiscal year": "DATE",
      "official language": null,
      "international airport": null
    })
  })

  it("strips a plural ending from the head noun", () => {
    expectMapped({
      persons: "PER",
      "football clubs": "ORG",
      "political parties": "ORG",
      cities: "LOC",
      "us states": "LOC",
      months: "DATE",
      languages: null
    })
  })

  it("says unmapped for a label it does not know, nor its head", () => {
    expectMapped({ "transport hub": "unmapped", gathering: "unmapped", "x-factor": "unmapped", "": "unmapped" })
  })

  it("normalises the label first, as annotate does", () => {
    expectMapped({ "  Political   Party ": "ORG", PERSON: "PER", "Capital City": "LOC" })
  })
})

describe("labels.json", () => {
  const all = [...Object.values(labelsFile.types).flat(), ...labelsFile.notCore]

  it("is versioned and broad: several hundred labels, every core type and the known non-core ones", () => {
    assert.strictEqual(labelsFile.version, 1)
    assert.sameMembers(Object.keys(labelsFile.types), ["PER", "LOC", "ORG", "DATE"])
    assert.isAtLeast(all.length, 300)
    for (const type of ["PER", "LOC", "ORG", "DATE"]) assert.isAtLeast(labelsFile.types[type].length, 20, type)
    assert.isAtLeast(labelsFile.notCore.length, 100)
  })

  it("maps every label it lists to that list's type, each label listed once", () => {
    assert.strictEqual(new Set(all).size, all.length)
    for (const [type, labels] of Object.entries(labelsFile.types)) {
      for (const label of labels) assert.strictEqual(mapLabel(label), type, label)
    }
    for (const label of labelsFile.notCore) assert.isNull(mapLabel(label), label)
  })
})
