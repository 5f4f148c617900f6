import { describe, expect, it } from "vitest"
import { sentenceOpenings, sentenceSpans, sentenceWords } from "./sentences.ts"
import { writingOf } from "./words.ts"

describe("sentenceSpans", () => {
  it("gives trimmed, non-empty sentences in UTF-16 units, and ends one at a line break", () => {
    // The emoji is two UTF-16 units: the first sentence is 22 units long; two spaces, then "She" at 24.
    const text = "😀 Ana lives in Kenya.  She moved to Paris.\nArticle 2\n\n"
    expect(sentenceSpans(text, "en")).toEqual([{ start: 0, end: 22 }, { start: 24, end: 43 }, { start: 44, end: 53 }])
  })

  it("ends a Thai sentence only at a line break, and a Chinese one at its full stop", () => {
    const thai = "ทุกคนมีสิทธิ การศึกษา\nบรรทัดใหม่"
    expect(sentenceSpans(thai, "th").map((s) => thai.slice(s.start, s.end))).toEqual(["ทุกคนมีสิทธิ การศึกษา", "บรรทัดใหม่"])
    const chinese = "我们今天去北京。明天回上海。"
    expect(sentenceSpans(chinese, "zh-Hans")).toEqual([{ start: 0, end: 8 }, { start: 8, end: 14 }])
  })

  it("is empty for blank text", () => {
    expect(sentenceSpans(" \n\n ", "en")).toEqual([])
  })
})

describe("sentenceOpenings", () => {
  it("opens a sentence at its first word, after any opening quote or inverted mark", () => {
    const text = "Yesterday Neil met. \"Anna\" left. ¿Qué tal?"
    const opens = sentenceOpenings(text, "es")
    const openers = Array.from(text, (_, index) => index).filter(opens)
    // 0: "Yesterday"; 20: the quote and 21: "Anna"; 33: "¿" and 34: "Qué".
    expect(openers).toEqual([0, 20, 21, 33, 34])
  })
})

describe("sentenceWords", () => {
  it("marks the words opening and ending each sentence, a line break included", () => {
    const text = "Anna met Paul. Then Berlin\nCall Ina"
    const marks = sentenceWords(text, writingOf("en"))
      .map((w) => `${w.opensSentence ? "<" : ""}${text.slice(w.start, w.end)}${w.endsSentence ? ">" : ""}`)
    expect(marks).toEqual(["<Anna", "met", "Paul.>", "<Then", "Berlin>", "<Call", "Ina>"])
  })

  it("does the same for segmented Chinese", () => {
    const text = "我们今天去北京。明天回上海。"
    const marks = sentenceWords(text, writingOf("zh-Hans"))
      .map((w) => `${w.opensSentence ? "<" : ""}${text.slice(w.start, w.end)}${w.endsSentence ? ">" : ""}`)
    expect(marks).toEqual(["<我们", "今天", "去", "北京>", "<明天", "回", "上海>"])
  })

  it("places each word in its sentence, whose end may lie past punctuation written after a space", () => {
    const text = "यह वाक्य है । दूसरा"
    const words = sentenceWords(text, writingOf("hi"))
    // Four words: the danda is none. The first sentence ends after the danda, at UTF-16 index 13.
    expect(words.map((w) => [text.slice(w.start, w.end), w.endsSentence, w.sentenceEnd])).toEqual([
      ["यह", false, 13], ["वाक्य", false, 13], ["है", true, 13], ["दूसरा", true, 19]
    ])
  })

  it("does not end a sentence at an abbreviation followed by a lower-case word", () => {
    const text = "Es kostet ca. zehn Euro."
    expect(sentenceWords(text, writingOf("de")).filter((w) => w.endsSentence).map((w) => text.slice(w.start, w.end)))
      .toEqual(["Euro."])
  })
})
