import { assert, describe, it } from "@effect/vitest"
import { wordSpans } from "#text"
import { chunkPassage } from "./chunk.ts"

const thai = { words: "segmenter", locale: "th" } as const
const japanese = { words: "segmenter", locale: "ja" } as const

/** `count` words, a full stop after every `sentenceEvery`-th; a sentence starts with a capital, as ICU expects. */
const latin = (count: number, sentenceEvery = 0) =>
  Array.from({ length: count }, (_, index) => {
    const opens = index === 0 || (sentenceEvery > 0 && index % sentenceEvery === 0)
    const ends = sentenceEvery > 0 && (index + 1) % sentenceEvery === 0
    return `${opens ? "Word" : "word"}${index}${ends ? "." : ""}`
  }).join(" ")

const assertCovers = (text: string, chunks: ReadonlyArray<{ text: string }>) => {
  let from = 0
  for (const chunk of chunks) {
    const at = text.indexOf(chunk.text, from)
    assert.isAtLeast(at, 0, `chunk is a slice of the text: ${chunk.text.slice(0, 30)}`)
    assert.match(text.slice(from, at), /^\s*$/, "nothing between chunks but white space")
    from = at + chunk.text.length
  }
  assert.match(text.slice(from), /^\s*$/)
}

describe("chunkPassage", () => {
  it("cuts 600 Latin words into 3 chunks of at most 256 words, exact slices of the text", () => {
    const text = latin(600)
    const chunks = chunkPassage(text, { words: "space", locale: "en", size: 256 })
    assert.deepStrictEqual(chunks.map((chunk) => chunk.words), [256, 256, 88])
    assert.strictEqual(chunks[0].text, latin(256))
    assert.isTrue(chunks[1].text.startsWith("word256 ") && chunks[1].text.endsWith(" word511"))
    for (const chunk of chunks) assert.strictEqual(chunk.text.split(/\s+/).length, chunk.words)
    assertCovers(text, chunks)
  })

  it("ends a chunk at a sentence end in its last fifth", () => {
    // Sentences of 50 words: the last full stop within 256 words follows word 250.
    const text = latin(600, 50)
    const chunks = chunkPassage(text, { words: "space", locale: "en", size: 256 })
    assert.deepStrictEqual(chunks.map((chunk) => chunk.words), [250, 250, 100])
    assert.isTrue(chunks.every((chunk) => chunk.text.endsWith(".")))
    assertCovers(text, chunks)
  })

  it("ignores a sentence end before the last fifth, and counts a closing quote after a full stop", () => {
    const early = `${latin(100)}. ${latin(200)}`
    assert.deepStrictEqual(chunkPassage(early, { words: "space", locale: "en", size: 256 }).map((c) => c.words), [256, 44])
    const quoted = `${latin(220)}.” ${latin(100)}`
    assert.deepStrictEqual(chunkPassage(quoted, { words: "space", locale: "en", size: 256 }).map((c) => c.words), [220, 100])
  })

  it("keeps a danda written after a space with its sentence, and does not count it as a word", () => {
    const text = Array.from({ length: 6 }, () => "यह एक वाक्य है ।").join(" ")
    // Four words a sentence; at most 10 a chunk, so the second sentence end (8 words) is in the last fifth.
    const chunks = chunkPassage(text, { words: "space", locale: "hi", size: 10 })
    assert.deepStrictEqual(chunks.map((chunk) => chunk.words), [8, 8, 8])
    assert.strictEqual(chunks[0].text, "यह एक वाक्य है । यह एक वाक्य है ।")
    assertCovers(text, chunks)
  })

  it("cuts Thai with the segmenter, preferring paragraph ends", () => {
    const sentence = "ทุกคนมีสิทธิในการศึกษา การศึกษาจะต้องให้เปล่าอย่างน้อยในขั้นประถมศึกษา"
    const perSentence = wordSpans(sentence, thai).length
    assert.isAbove(perSentence, 5)
    const text = Array.from({ length: 40 }, () => sentence).join("\n")
    const chunks = chunkPassage(text, { words: "segmenter", locale: "th", size: 64 })
    assert.isAbove(chunks.length, 1)
    for (const chunk of chunks) {
      assert.isAtMost(chunk.words, 64)
      assert.strictEqual(wordSpans(chunk.text, thai).length, chunk.words)
    }
    assert.strictEqual(chunks.reduce((sum, chunk) => sum + chunk.words, 0), perSentence * 40)
    assert.isTrue(chunks.slice(0, -1).every((chunk) => chunk.text.endsWith("ประถมศึกษา")))
    assertCovers(text, chunks)
  })

  it("cuts Japanese with the segmenter and keeps the full stop and closing bracket with their sentence", () => {
    const sentence = "すべての人間は、生まれながらにして自由であり、かつ、尊厳と権利とについて平等である。"
    const perSentence = wordSpans(sentence, japanese).length
    assert.isAbove(perSentence, 5)
    const text = Array.from({ length: 30 }, () => `「${sentence}」`).join("")
    // Five and a half sentences fit; the chunk ends after the fifth, inside its last fifth.
    const size = Math.floor(perSentence * 5.5)
    const chunks = chunkPassage(text, { words: "segmenter", locale: "ja", size })
    assert.deepStrictEqual(chunks.map((chunk) => chunk.words), Array.from({ length: 6 }, () => perSentence * 5))
    for (const chunk of chunks) {
      assert.isTrue(chunk.text.startsWith("「") && chunk.text.endsWith("。」"), chunk.text)
    }
    assert.strictEqual(chunks.map((chunk) => chunk.text).join(""), text)
  })

  it("returns nothing for a text without words, and rejects a size below one", () => {
    assert.deepStrictEqual(chunkPassage("  \n ", { words: "space", locale: "en", size: 256 }), [])
    assert.deepStrictEqual(chunkPassage("。、", { words: "segmenter", locale: "ja", size: 256 }), [])
    assert.throws(() => chunkPassage("a b", { words: "space", locale: "en", size: 0 }), RangeError)
  })
})
