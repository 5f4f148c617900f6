import { describe, expect, it } from "vitest"
import { changedLockLanguages, lineLanguage } from "./lock-languages.ts"

describe("the languages of a lock", () => {
  it("changed between two locks: an added, a removed and a changed entry, not one that only moved its keys", () => {
    const before = {
      languages: {
        afr_Latn: { sample: { inputs: { seed: "s" }, outputs: {} } },
        eng_Latn: { sample: { inputs: {}, outputs: {} } },
        tha_Thai: { sample: { inputs: { a: 1, b: 2 }, outputs: {} } }
      }
    }
    const after = {
      languages: {
        afr_Latn: { sample: { inputs: { seed: "t" }, outputs: {} } },
        tha_Thai: { sample: { outputs: {}, inputs: { b: 2, a: 1 } } },
        zul_Latn: { sample: { inputs: {}, outputs: {} } }
      }
    }
    expect(changedLockLanguages(before, after)).toEqual(["afr_Latn", "eng_Latn", "zul_Latn"])
    expect(changedLockLanguages(after, after)).toEqual([])
  })

  it("named by a line of lock check, which starts with the file it is about", () => {
    expect(lineLanguage("languages/tha_Thai/out/judge/lock.json: inputs.prompt 689eb44a8f76 -> c9d2374c88da")).toBe("tha_Thai")
    expect(lineLanguage("languages/afr_Latn/out/sample/passages.jsonl: missing (the lock pins sha256 1cad)")).toBe("afr_Latn")
    expect(lineLanguage("datasets.lock: sha256 ...")).toBeUndefined()
  })
})
