import { describe, expect, it } from "vitest"
import { parseDataPoints, sumRejections } from "./parse.ts"

const example = { tokens: ["Ali", "ya", "tafi", "Kano"], tags: ["B-PER", "O", "O", "B-LOC"] }
const prompt = "Write three new sentences in Hausa, in the style and domain of the examples below, as one JSON object a line " +
  "with its tokens and tags, and nothing else.\n" +
  `<examples lang="ha" count="3">\n${JSON.stringify(example)}\n</examples>`
const options = { finishReason: "stop", prompt, examples: [example], types: ["PER", "LOC", "ORG", "DATE"] }

const musa = `{"tokens": ["Musa", "Bello", "ya", "zo"], "tags": ["B-PER", "I-PER", "O", "O"]}`
const abuja = `{"tokens": ["Abuja", "babba", "ce"], "tags": ["B-LOC", "O", "O"]}`
const musaPoint = { tokens: ["Musa", "Bello", "ya", "zo"], tags: ["B-PER", "I-PER", "O", "O"] }
const abujaPoint = { tokens: ["Abuja", "babba", "ce"], tags: ["B-LOC", "O", "O"] }

describe("parseDataPoints: accepted shapes", () => {
  it("reads JSON objects one a line", () => {
    expect(parseDataPoints(`${musa}\n${abuja}`, options)).toEqual({ points: [musaPoint, abujaPoint], rejected: {} })
  })

  it("reads a JSON list of objects in a fence among chatter, and numbered lines", () => {
    expect(parseDataPoints("Sure! Here they are:\n```json\n[" + musa + ",\n " + abuja + "]\n```\nEnjoy.", options)).toEqual({
      points: [musaPoint, abujaPoint],
      rejected: {}
    })
    expect(parseDataPoints(`Here:\n1. ${musa}\n2. ${abuja}\nThat is all.`, options).points).toEqual([musaPoint, abujaPoint])
  })

  it("ignores the model's reasoning and fields other than tokens and tags", () => {
    const answer = `<think>{"tokens": ["x"], "tags": ["O"]}</think>\n{"id": 1, "tokens": ["Abuja", "babba", "ce"], ` +
      `"tags": ["B-LOC", "O", "O"]}`
    expect(parseDataPoints(answer, options)).toEqual({ points: [abujaPoint], rejected: {} })
  })
})

describe("parseDataPoints: every reason a point or an answer is not used", () => {
  it("empty: a blank answer, or a list with nothing in it", () => {
    expect(parseDataPoints("  \n", options)).toEqual({ points: [], rejected: { empty: 1 } })
    expect(parseDataPoints("<think>Let me see.</think>", options)).toEqual({ points: [], rejected: { empty: 1 } })
    expect(parseDataPoints("[]", options)).toEqual({ points: [], rejected: { empty: 1 } })
  })

  it("truncated: cut at the token limit or inside the list, counted once, the complete points kept", () => {
    expect(parseDataPoints(`${musa}\n{"tokens": ["Abuja", "bab`, options)).toEqual({
      points: [musaPoint],
      rejected: { truncated: 1 }
    })
    expect(parseDataPoints(`[${musa}, ${abuja}`, options)).toEqual({ points: [musaPoint, abujaPoint], rejected: { truncated: 1 } })
    expect(parseDataPoints(`${musa}\n${abuja}`, { ...options, finishReason: "length" })).toEqual({
      points: [musaPoint, abujaPoint],
      rejected: { truncated: 1 }
    })
    expect(parseDataPoints("", { ...options, finishReason: "length" })).toEqual({ points: [], rejected: { truncated: 1 } })
  })

  it("run-on: a point or a block of points repeated more than three times in a row, one copy kept", () => {
    expect(parseDataPoints([musa, abuja, abuja, abuja, abuja, abuja].join("\n"), options)).toEqual({
      points: [musaPoint, abujaPoint],
      rejected: { "run-on": 1 }
    })
    expect(parseDataPoints([musa, abuja, musa, abuja, musa, abuja, musa, abuja].join("\n"), options)).toEqual({
      points: [musaPoint, abujaPoint],
      rejected: { "run-on": 1 }
    })
    expect(parseDataPoints([musa, abuja, abuja, abuja].join("\n"), options).rejected).toEqual({})
  })

  it("prompt-continuation: the answer writes the examples block or a new turn, or echoes the instructions", () => {
    expect(parseDataPoints(`<examples lang="ha" count="3">\n${musa}\n</examples>`, options)).toEqual({
      points: [],
      rejected: { "prompt-continuation": 1 }
    })
    expect(parseDataPoints(`${musa}\nUser: now ten more`, options).rejected).toEqual({ "prompt-continuation": 1 })
    expect(parseDataPoints(`${musa}\n${prompt.split("\n")[0]}`, options).rejected).toEqual({ "prompt-continuation": 1 })
  })

  it("copied-example: a point equal to an example, while a copy of the instructions' example lines is no echo", () => {
    expect(parseDataPoints(`${JSON.stringify(example)}\n${musa}`, options)).toEqual({
      points: [musaPoint],
      rejected: { "copied-example": 1 }
    })
  })

  it("malformed: no list at all, or a point that is not an object of non-empty string arrays of one-column tokens", () => {
    expect(parseDataPoints("I cannot write sentences in Hausa.", options)).toEqual({ points: [], rejected: { malformed: 1 } })
    const bad = [
      `["Musa", "B-PER"]`,
      `{"tokens": "Musa zo", "tags": ["B-PER", "O"]}`,
      `{"tokens": ["Musa", 2], "tags": ["B-PER", "O"]}`,
      `{"words": ["Musa"], "tags": ["B-PER"]}`,
      `{"tokens": [], "tags": []}`,
      `{"tokens": ["Musa Bello"], "tags": ["B-PER"]}`,
      `{"tokens": ["", "zo"], "tags": ["O", "O"]}`,
      `{"tokens": ["Musa", "zo"] "tags": ["B-PER", "O"]}`
    ]
    expect(parseDataPoints([musa, ...bad, abuja].join("\n"), options)).toEqual({
      points: [musaPoint, abujaPoint],
      rejected: { malformed: 8 }
    })
  })

  it("count-mismatch: more tokens than tags or the other way round", () => {
    const answer = `{"tokens": ["Musa", "zo"], "tags": ["B-PER"]}\n{"tokens": ["Musa"], "tags": ["B-PER", "O"]}\n${abuja}`
    expect(parseDataPoints(answer, options)).toEqual({ points: [abujaPoint], rejected: { "count-mismatch": 2 } })
  })

  it("label-outside-set: a tag that is not O, or B- or I- of one of the set's types", () => {
    const answer = [
      `{"tokens": ["Musa", "zo"], "tags": ["B-PERSON", "O"]}`,
      `{"tokens": ["Musa", "zo"], "tags": ["b-PER", "O"]}`,
      `{"tokens": ["Musa", "zo"], "tags": ["S-PER", "O"]}`,
      `{"tokens": ["Musa", "zo"], "tags": ["PER", "O"]}`,
      `{"tokens": ["Musa", "zo"], "tags": ["B-PER", "0"]}`,
      `{"tokens": ["Musa", "zo"], "tags": ["B-MISC", "O"]}`,
      abuja
    ].join("\n")
    expect(parseDataPoints(answer, options)).toEqual({ points: [abujaPoint], rejected: { "label-outside-set": 6 } })
  })

  it("invalid-transition: tags that are not valid BIO", () => {
    const answer = [
      `{"tokens": ["Musa", "Bello"], "tags": ["I-PER", "I-PER"]}`,
      `{"tokens": ["ya", "Bello"], "tags": ["O", "I-PER"]}`,
      `{"tokens": ["Musa", "Kano"], "tags": ["B-PER", "I-LOC"]}`,
      abuja
    ].join("\n")
    expect(parseDataPoints(answer, options)).toEqual({ points: [abujaPoint], rejected: { "invalid-transition": 3 } })
  })

  it("gives each point one reason, the first in the order malformed, count, label, transition, copy", () => {
    const answer = [
      `{"tokens": ["Musa Bello"], "tags": ["X", "Y"]}`,
      `{"tokens": ["Musa"], "tags": ["I-ORG", "X"]}`,
      `{"tokens": ["Musa"], "tags": ["I-X"]}`
    ].join("\n")
    expect(parseDataPoints(answer, options).rejected).toEqual({ malformed: 1, "count-mismatch": 1, "label-outside-set": 1 })
  })
})

describe("sumRejections", () => {
  it("adds the tallies of several answers", () => {
    expect(sumRejections([{ empty: 1, malformed: 2 }, {}, { malformed: 1, truncated: 1 }])).toEqual({
      empty: 1,
      truncated: 1,
      malformed: 3
    })
  })
})
