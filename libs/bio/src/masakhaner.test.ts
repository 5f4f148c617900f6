import { readFileSync } from "node:fs"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { needsSharedData, sharedData, sharedDataAbsent } from "#testing"
import { checkConll, parseConll, writeConll } from "./conll.ts"
import { mentionsOf } from "./mentions.ts"
import { validate } from "./validate.ts"

// The MasakhaNER files are non-commercial and stay out of the repository; expectations from ../shared/data/README.md.
const dataDir = `${sharedData}/`

// file -> [sentences, mentions (B- tags plus I- tags that open a span), invalid O -> I-X transitions]
const expected: Record<string, readonly [number, number, number]> = {
  "masakhaner2/hau/test.txt": [1633, 4109, 1],
  "masakhaner2/kin/dev.txt": [1118, 2076, 1],
  "masakhaner2/swa/test.txt": [1883, 4330, 1],
  "masakhaner2/yor/test.txt": [1964, 2009, 1],
  "masakhaner1/amh/test.txt": [500, 558, 0]
}

describe("MasakhaNER gold files", () => {
  it.skipIf(sharedDataAbsent)(needsSharedData("read, write back byte for byte and hold the published counts"), () => {
    for (const [file, [sentenceCount, mentionCount, invalidCount]] of Object.entries(expected)) {
      const text = readFileSync(dataDir + file, "utf8")
      const parsed = parseConll(text, file)
      if (Result.isFailure(parsed)) throw parsed.failure
      const sentences = parsed.success
      expect(sentences.length, file).toBe(sentenceCount)
      expect(writeConll(sentences) === text, file).toBe(true)
      const invalid = sentences.flatMap((sentence) => validate(sentence.tags, "BIO"))
      expect(invalid.filter(({ from, to }) => from === "O" && to.startsWith("I-")).length, file).toBe(invalidCount)
      const checked = checkConll(sentences, file, "BIO", "conlleval")
      if (Result.isFailure(checked)) throw checked.failure
      expect(checked.success.repaired, file).toBe(invalidCount)
      const mentions = checked.success.sentences.reduce((sum, sentence) => sum + mentionsOf(sentence.tags).length, 0)
      expect(mentions, file).toBe(mentionCount)
    }
  })
})
