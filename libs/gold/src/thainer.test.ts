import { describe, expect, it } from "vitest"
import { MalformedGold } from "./errors.ts"
import { failure, fixture, success } from "./fixtures.fixture.ts"
import { parseThainer, writeThainer } from "./thainer.ts"

describe("parseThainer", () => {
  it("reads a line without its tags as the sentence, and each tag pair as a mention in code points", () => {
    const thainer = success(parseThainer(fixture("thainer.txt"), "thainer.txt"))
    expect(thainer.bom).toBe(true)
    expect(thainer.finalNewline).toBe(false)
    expect(thainer.sentences).toEqual([
      {
        id: "1",
        line: 1,
        text: "องค์การสหประชาชาติ ประกาศ พ.ศ.2554 ปีอนุรักษ์ป่าสากล",
        mentions: [{ start: 0, end: 18, type: "ORGANIZATION" }, { start: 26, end: 34, type: "DATE" }]
      },
      {
        id: "2",
        line: 2,
        text: "กระทรวงศึกษาธิการ สั่งปีหน้า สอน คณิต วิทย์ เป็นภาษาอังกฤษ",
        mentions: [{ start: 0, end: 17, type: "ORGANIZATION" }, { start: 22, end: 28, type: "DATE" }]
      },
      {
        id: "3",
        line: 3,
        text: "🌟🌟การประชุมสภามหาวิทยาลัยขอนแก่นสัญจร ครั้งที่ 9 ประจำปี 2561🌟🌟",
        // Two emoji (two UTF-16 units each) come first: in UTF-16 units these would be 13..34 and 59..63.
        mentions: [{ start: 11, end: 32, type: "ORGANIZATION" }, { start: 57, end: 61, type: "DATE" }]
      }
    ])
  })

  it("keeps brackets that are not tags as text", () => {
    const { sentences } = success(parseThainer("[1] [PERSON]Somchai[/PERSON] [x]", "a.txt"))
    expect(sentences[0].text).toBe("[1] Somchai [x]")
    expect(sentences[0].mentions).toEqual([{ start: 4, end: 11, type: "PERSON" }])
  })

  it("refuses nested, unclosed, unopened, mismatched and empty tags and empty sentences, naming the line", () => {
    const cases: Array<[string, string]> = [
      ["ok\n[ORGANIZATION]a [PERSON]b[/PERSON][/ORGANIZATION]", "a.txt:2: [PERSON] opens inside [ORGANIZATION]: ThaiNER tags do not nest"],
      ["ok\nok\n[DATE]a", "a.txt:3: [DATE] is never closed"],
      ["a[/DATE]", "a.txt:1: [/DATE] closes no open tag"],
      ["[DATE]a[/TIME]", "a.txt:1: [/TIME] closes [DATE]"],
      ["a [DATE][/DATE]", "a.txt:1: [DATE] encloses no text"],
      ["a\n\nb", "a.txt:2: empty sentence"],
      ["", "a.txt:1: empty sentence"]
    ]
    for (const [text, message] of cases) {
      const error = failure(parseThainer(text, "a.txt"))
      expect(error).toBeInstanceOf(MalformedGold)
      expect(error.message).toBe(message)
    }
  })
})

describe("writeThainer", () => {
  it("writes the fixture back byte for byte: byte-order mark, tags, no final newline", () => {
    const text = fixture("thainer.txt")
    expect(writeThainer(success(parseThainer(text, "thainer.txt")))).toBe(text)
  })

  it("writes adjacent mentions and a final newline back as read", () => {
    const text = "[DATE]a[/DATE][TIME]b[/TIME] c\n[PERSON]d[/PERSON]\n"
    const thainer = success(parseThainer(text, "a.txt"))
    expect(thainer).toMatchObject({ bom: false, finalNewline: true })
    expect(writeThainer(thainer)).toBe(text)
  })
})
