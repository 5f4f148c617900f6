import { describe, expect, it } from "vitest"
import { parseMentionList, unusableMentionList } from "./parse.ts"

const stop = { finishReason: "stop" }

describe("parseMentionList: accepted shapes", () => {
  it("reads a Python list of tuples in single and double quotes, with escapes", () => {
    const answer = String.raw`[("O'Brien", "person"), ('Kenya', 'country'), ('Côte d\'Ivoire', "country"), ("The \"Lion\" Bar", "bar")]`
    expect(parseMentionList(answer, stop)).toEqual({
      mentions: [
        { mention: "O'Brien", label: "person" },
        { mention: "Kenya", label: "country" },
        { mention: "Côte d'Ivoire", label: "country" },
        { mention: 'The "Lion" Bar', label: "bar" }
      ],
      rejected: {}
    })
  })

  it("decodes unicode escapes, astral ones included", () => {
    const answer = String.raw`[("\u5317\u4eac", "city"), ("\U0001F600 Inc", "company"), ("\ud83d\ude00 Ltd", "company")]`
    expect(parseMentionList(answer, stop).mentions.map((m) => m.mention)).toEqual(["北京", "😀 Inc", "😀 Ltd"])
  })

  it("reads a JSON array of pairs", () => {
    expect(parseMentionList(`[["Kenya", "country"], ["Nairobi", "city"]]`, stop).mentions).toEqual([
      { mention: "Kenya", label: "country" },
      { mention: "Nairobi", label: "city" }
    ])
  })

  it("reads JSON objects under any of the mention and label keys, even wrapped in an object", () => {
    const answer = `{"entities": [{"mention": "Kenya", "type": "country"}, {"entity": "Uhuru Kenyatta", "label": "politician"},
      {"text": "Nairobi", "type": "capital city"}]}`
    expect(parseMentionList(answer, stop)).toEqual({
      mentions: [
        { mention: "Kenya", label: "country" },
        { mention: "Uhuru Kenyatta", label: "politician" },
        { mention: "Nairobi", label: "capital city" }
      ],
      rejected: {}
    })
  })

  it("reads the list inside a fence, ignoring chatter around it and a format example before it", () => {
    const answer = [
      `Sure! In the format [("entity", "type")], the entities are:`,
      "```python",
      `[("Safaricom", "telecommunications company"), ("M-Pesa", "mobile payment service")]`,
      "```",
      "Hope this helps! Let me know if you need anything else."
    ].join("\n")
    expect(parseMentionList(answer, stop)).toEqual({
      mentions: [
        { mention: "Safaricom", label: "telecommunications company" },
        { mention: "M-Pesa", label: "mobile payment service" }
      ],
      rejected: {}
    })
  })

  it("reads a list among chatter without a fence", () => {
    const answer = `Here are the entities: [("Kenya", "country")] Hope this helps`
    expect(parseMentionList(answer, stop)).toEqual({ mentions: [{ mention: "Kenya", label: "country" }], rejected: {} })
  })

  it("reads one tuple per line without brackets, bulleted or numbered", () => {
    const plain = `("Kenya", "country")\n("Nairobi", "city")`
    const numbered = `Entities found:\n1. ("Kenya", "country")\n2. ("Nairobi", "city")\n\nThat is all.`
    const bulleted = `- ('Kenya', 'country'),\n- ('Nairobi', 'city')`
    const expected = [{ mention: "Kenya", label: "country" }, { mention: "Nairobi", label: "city" }]
    for (const answer of [plain, numbered, bulleted]) expect(parseMentionList(answer, stop)).toEqual({ mentions: expected, rejected: {} })
  })

  it("tolerates trailing commas, missing commas between tuples and curly quotes", () => {
    const answer = `[("Kenya", "country",), ("Nairobi", "city") (\u201cMombasa\u201d, \u201ccity\u201d),]`
    expect(parseMentionList(answer, stop).mentions.map((m) => m.mention)).toEqual(["Kenya", "Nairobi", "Mombasa"])
  })

  it("normalises labels and trims mentions", () => {
    expect(parseMentionList(`[(" Kenya ", "  Sovereign\t  COUNTRY ")]`, stop).mentions).toEqual([
      { mention: "Kenya", label: "sovereign country" }
    ])
  })

  it("takes `[]` for a valid empty list, alone or in an object", () => {
    expect(parseMentionList("[]", stop)).toEqual({ mentions: [], rejected: {} })
    expect(parseMentionList(`{"entities": []}`, stop)).toEqual({ mentions: [], rejected: {} })
  })

  it("ignores a reasoning model's thinking", () => {
    const answer = `<think>Maybe [("Kisumu", "city")]? No, not in the text.</think>\n[("Kenya", "country")]`
    expect(parseMentionList(answer, stop)).toEqual({ mentions: [{ mention: "Kenya", label: "country" }], rejected: {} })
  })
})

describe("parseMentionList: rejections", () => {
  it("counts a blank answer as empty", () => {
    expect(parseMentionList("  \n ", stop)).toEqual({ mentions: [], rejected: { empty: 1 } })
    expect(parseMentionList("<think>Hmm.</think>", stop)).toEqual({ mentions: [], rejected: { empty: 1 } })
  })

  it("counts an answer with the passage's tags as prompt-continuation", () => {
    const answer = `<passage id="2">Nairobi is the capital of Kenya.</passage>\n[("Nairobi", "city")]`
    expect(parseMentionList(answer, stop)).toEqual({ mentions: [], rejected: { "prompt-continuation": 1 } })
  })

  it("counts an answer that writes the user's next turn as prompt-continuation", () => {
    const answer = `[("Kenya", "country")]\nUSER: Now list the dates.`
    expect(parseMentionList(answer, stop).rejected).toEqual({ "prompt-continuation": 1 })
  })

  it("counts an answer repeating a long stretch of the prompt as prompt-continuation", () => {
    const passage = "Safaricom PLC is a listed Kenyan mobile network operator headquartered at Safaricom House in "
      + "Westlands, Nairobi, Kenya. It is the largest telecommunications provider in Kenya."
    const prompt = `List every named entity in the passage as [("mention", "type"), ...].\n\nPassage: ${passage}\nEntities:`
    const echo = `Passage: ${passage.replaceAll(" ", "  ")}\nEntities: [("Safaricom", "company")]`
    expect(parseMentionList(echo, { finishReason: "stop", prompt }).rejected).toEqual({ "prompt-continuation": 1 })
    const answer = `[("Safaricom PLC", "company"), ("Safaricom House", "building"), ("Westlands", "neighbourhood")]`
    expect(parseMentionList(answer, { finishReason: "stop", prompt }).rejected).toEqual({})
  })

  it("keeps the complete tuples of an answer cut at the token limit and counts one truncated", () => {
    const answer = `[("Kenya", "country"), ("Nairobi", "city"), ("Mom`
    expect(parseMentionList(answer, { finishReason: "length" })).toEqual({
      mentions: [{ mention: "Kenya", label: "country" }, { mention: "Nairobi", label: "city" }],
      rejected: { truncated: 1 }
    })
  })

  it("counts an unclosed list at the end as truncated even when the finish reason is stop", () => {
    const answer = "```\n[(\"Kenya\", \"country\"), (\"Nairobi\", \"ci"
    expect(parseMentionList(answer, stop)).toEqual({
      mentions: [{ mention: "Kenya", label: "country" }],
      rejected: { truncated: 1 }
    })
    expect(parseMentionList(`[("Kenya", "country"),`, { finishReason: null }).rejected).toEqual({ truncated: 1 })
  })

  it("counts an answer cut before any list as truncated, not malformed", () => {
    expect(parseMentionList("Let me think about which entities appear in this", { finishReason: "length" })).toEqual({
      mentions: [],
      rejected: { truncated: 1 }
    })
  })

  it("collapses the same tuple repeated more than three times to one copy, counting one repetition", () => {
    const loop = Array.from({ length: 40 }, () => `("Jomo Kenyatta", "politician")`).join(", ")
    const answer = `[("Kenya", "country"), ${loop}, ("Jomo Ken`
    expect(parseMentionList(answer, { finishReason: "length" })).toEqual({
      mentions: [{ mention: "Kenya", label: "country" }, { mention: "Jomo Kenyatta", label: "politician" }],
      rejected: { repetition: 1, truncated: 1 }
    })
  })

  it("keeps a tuple listed three times in a row", () => {
    const answer = `[("Paris", "city"), ("Paris", "city"), ("Paris", "city")]`
    expect(parseMentionList(answer, stop)).toEqual({ mentions: Array(3).fill({ mention: "Paris", label: "city" }), rejected: {} })
  })

  it("collapses a degenerate loop of several tuples, with its trailing partial copy", () => {
    const cycle = `("Nairobi", "city"), ("Kenya", "country"), ("Africa", "continent")`
    const answer = `[("UN", "organization"), ${Array(5).fill(cycle).join(", ")}, ("Nairobi", "city"), ("Lagos", "city")]`
    expect(parseMentionList(answer, stop)).toEqual({
      mentions: [
        { mention: "UN", label: "organization" },
        { mention: "Nairobi", label: "city" },
        { mention: "Kenya", label: "country" },
        { mention: "Africa", label: "continent" },
        { mention: "Lagos", label: "city" }
      ],
      rejected: { repetition: 1 }
    })
  })

  it("keeps a long run of one mention that the prompt holds as often", () => {
    const prompt = `Passage: Kenya, Kenya, Kenya, Kenya and Kenya again.`
    const answer = `[${Array(5).fill(`("Kenya", "country")`).join(", ")}]`
    expect(parseMentionList(answer, { finishReason: "stop", prompt }).mentions).toHaveLength(5)
    const looping = `[${Array(9).fill(`("Kenya", "country")`).join(", ")}]`
    expect(parseMentionList(looping, { finishReason: "stop", prompt })).toEqual({
      mentions: [{ mention: "Kenya", label: "country" }],
      rejected: { repetition: 1 }
    })
  })

  it("counts an answer with no list as malformed", () => {
    expect(parseMentionList("I could not find any named entities in this passage.", stop)).toEqual({
      mentions: [],
      rejected: { malformed: 1 }
    })
  })

  it("counts each item that is not a pair of non-empty strings as malformed and keeps the rest", () => {
    const answer = `[("Kenya", "country"), ("Nairobi", city), ("Mombasa",), ("", "city"), ("Lamu", " "), ` +
      `("O"Brien", "person"), {"mention": "Kisumu"}, ("Kisii", "town", "extra"), Eldoret, ("Nakuru", "city")]`
    expect(parseMentionList(answer, stop)).toEqual({
      mentions: [{ mention: "Kenya", label: "country" }, { mention: "Nakuru", label: "city" }],
      rejected: { malformed: 8 }
    })
  })

  it("counts a malformed item inside an otherwise cut answer along with the truncation", () => {
    const answer = `[("Kenya", 1), ("Nairobi", "city"), ("Mom`
    expect(parseMentionList(answer, { finishReason: "length" })).toEqual({
      mentions: [{ mention: "Nairobi", label: "city" }],
      rejected: { malformed: 1, truncated: 1 }
    })
  })
})

describe("unusableMentionList: the answers the LLM client asks again", () => {
  it("names a blank answer, an echo of the prompt and an answer without a list; a list, even empty, is usable", () => {
    // An echo counts from 120 characters of the prompt on.
    const prompt = `List the entities of: ${"Ada went to Paris and met Lin there. ".repeat(5)}`
    expect(unusableMentionList("  \n")).toBe("empty")
    expect(unusableMentionList("<think>hm</think>")).toBe("empty")
    expect(unusableMentionList("I cannot help with that.")).toBe("malformed")
    expect(unusableMentionList(prompt, prompt)).toBe("prompt-continuation")
    expect(unusableMentionList("[]")).toBeNull()
    expect(unusableMentionList(`[("Ada", "person"), ("Par`)).toBeNull()
  })
})
