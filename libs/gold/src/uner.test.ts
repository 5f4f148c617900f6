import { InvalidConll } from "#bio"
import { describe, expect, it } from "vitest"
import { MalformedGold } from "./errors.ts"
import { failure, fixture, success } from "./fixtures.fixture.ts"
import { parseGold } from "./read.ts"
import { parseUner, writeUner } from "./uner.ts"

describe("UNER", () => {
  it("takes the id and text from the comment lines and places mentions by the tokens' place in the text", () => {
    const { sentences, repaired } = success(parseGold("uner", fixture("en_ewt.iob2"), "en_ewt.iob2", null))
    expect(repaired).toBe(0)
    expect(sentences).toEqual([
      {
        id: "answers-20110101171252AA43jJo_ans-0001",
        text: "Is Hank Green Awesome?",
        mentions: [{ start: 3, end: 13, type: "PER" }],
        line: 1
      },
      {
        id: "answers-20110101171252AA43jJo_ans-0002",
        text: "The Hank Green I know is hardly awesome.",
        mentions: [{ start: 4, end: 14, type: "PER" }],
        line: 10
      },
      {
        id: "answers-20111024202518AA18Sg7_ans-0001",
        text: "mazzoni 's deli best italian food in phila pa?",
        mentions: [{ start: 0, end: 15, type: "LOC" }, { start: 37, end: 42, type: "LOC" }],
        line: 22
      }
    ])
  })

  it("keeps the set's own types and finds tokens the text does not separate by spaces", () => {
    const croatian = success(parseGold("uner", fixture("hr_set.iob2"), "hr_set.iob2", null)).sentences
    expect(croatian[1].mentions).toEqual([{ start: 21, end: 26, type: "LOC" }, { start: 37, end: 62, type: "OTH" }])
    const chinese = success(parseGold("uner", fixture("zh_gsdsimp.iob2"), "zh_gsdsimp.iob2", null)).sentences
    expect(chinese[0].mentions).toEqual([{ start: 6, end: 9, type: "PER" }, { start: 10, end: 12, type: "ORG" }])
  })

  it("counts code points: a character outside the BMP before a token moves its offsets by one, not two", () => {
    const text = "# sent_id = x\n# text = 😀 Ana\n1\t😀\tO\t-\t-\n2\tAna\tB-PER\t-\t-\n\n"
    const [sentence] = success(parseGold("uner", text, "a.iob2", null)).sentences
    expect(sentence.mentions).toEqual([{ start: 2, end: 5, type: "PER" }])
  })

  it("fails on the invalid transition with SeqScore's message, and with conlleval repair counts it", () => {
    const text = fixture("da_ddt.iob2")
    const error = failure(parseGold("uner", text, "da_ddt.iob2", null))
    expect(error).toBeInstanceOf(InvalidConll)
    expect(error.message).toBe("da_ddt.iob2: Invalid transition 'O' -> 'I-PER' for token 'Jonathan' on line 9")
    const { sentences, repaired } = success(parseGold("uner", text, "da_ddt.iob2", "conlleval"))
    expect(repaired).toBe(1)
    expect(sentences[0].mentions).toEqual([
      { start: 18, end: 24, type: "PER" },
      { start: 28, end: 36, type: "PER" },
      { start: 58, end: 74, type: "PER" }
    ])
    // discard drops the mention the invalid I- would open
    const discarded = success(parseGold("uner", text, "da_ddt.iob2", "discard"))
    expect(discarded.sentences[0].mentions.map(({ start }) => start)).toEqual([18, 58])
  })

  it("writes every fixture back byte for byte, comment lines and the fourth column included", () => {
    for (const name of ["en_ewt.iob2", "hr_set.iob2", "da_ddt.iob2", "zh_gsdsimp.iob2"]) {
      const text = fixture(name)
      expect(writeUner(success(parseUner(text, name))), name).toBe(text)
    }
  })

  it("refuses malformed sentences, naming file and line", () => {
    const head = "# sent_id = s1\n# text = Ana sings\n"
    const cases: Array<[string, string]> = [
      [`${head}1\tAna\tB-PER\t-\n`, "a.iob2:3: 4 tab-separated columns where 5 are expected (index, token, tag, -, annotator)"],
      [`${head}1\tAna\tB-PER\t-\t-\n2\tdances\tO\t-\t-\n`, "a.iob2:4: token 'dances' is not in the '# text' line where the tokens before it end"],
      [`${head}1\tsings\tO\t-\t-\n2\tAna\tB-PER\t-\t-\n`, "a.iob2:3: token 'sings' is not in the '# text' line where the tokens before it end"],
      [`${head}1\tAna\tB-PER#O\t-\t-\n`, "a.iob2:3: tag 'B-PER#O' is not O, B-X or I-X (X in capital letters)"],
      [`${head}1-2\tAna\tO\t-\t-\n`, "a.iob2:3: token index '1-2' where 1 is expected"],
      [`${head}1\t\tO\t-\t-\n`, "a.iob2:3: empty token"],
      [`${head}1\tAna\tO\t-\t-\n# late\n`, "a.iob2:4: comment line after the token rows"],
      [`x\n\n${head}\n`, "a.iob2:1: 1 tab-separated columns where 5 are expected (index, token, tag, -, annotator)"],
      [`\n${head}\n`, "a.iob2:2: empty sentence 's1'"],
      [`${head}1\tAna\tO\t-\t-\n\n${head}1\tAna\tO\t-\t-\n`, "a.iob2:5: sentence id 's1' was already used on line 1"],
      ["# text = Ana\n1\tAna\tO\t-\t-\n", "a.iob2:1: sentence without a '# sent_id = ' line"],
      ["# sent_id = s1\n1\tAna\tO\t-\t-\n", "a.iob2:1: sentence without a '# text = ' line"]
    ]
    for (const [text, message] of cases) {
      const error = failure(parseUner(text, "a.iob2"))
      expect(error, message).toBeInstanceOf(MalformedGold)
      expect(error.message).toBe(message)
    }
  })
})
