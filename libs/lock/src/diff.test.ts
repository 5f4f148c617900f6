import { assert, describe, it } from "@effect/vitest"
import { diffEntry, shortValue } from "./diff.ts"

const digestA = "aaaaaaaaaaaabbbbbbbbbbbbccccccccccccddddddddddddeeeeeeeeeeeeffff"
const digestB = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

describe("a lock entry's diff", () => {
  it("shows a sha256 as its first 12 hex digits, other values as compact JSON cut at 80 characters", () => {
    assert.strictEqual(shortValue(digestB), "0123456789ab")
    assert.strictEqual(shortValue("offline-teacher"), "\"offline-teacher\"")
    assert.strictEqual(shortValue({ b: [1, 2], a: null }), "{\"b\":[1,2],\"a\":null}")
    assert.strictEqual(shortValue(undefined), "(none)")
    const long = shortValue({ text: "x".repeat(200) })
    assert.strictEqual(long.length, 80)
    assert.strictEqual(long, `{"text":"${"x".repeat(68)}...`)
  })

  it("names an added, a removed and a changed input, and outputs that appeared or vanished", () => {
    const pinned = {
      inputs: { corpus: "udhr", reads: { "annotate/annotations.jsonl": digestA } },
      outputs: { "old.json": { sha256: digestA, bytes: 10 } }
    }
    const current = {
      inputs: { reads: { "annotate/annotations.jsonl": digestB }, model: "m-1" },
      outputs: { "new.jsonl": { sha256: digestB, bytes: 4, rows: 1 } }
    }
    assert.deepStrictEqual(diffEntry(pinned, current), [
      "inputs.corpus \"udhr\" -> (none)",
      "inputs.model (none) -> \"m-1\"",
      "inputs.reads.annotate/annotations.jsonl aaaaaaaaaaaa -> 0123456789ab",
      "outputs new.jsonl sha256 (none) -> 0123456789ab, bytes (none) -> 4, rows (none) -> 1",
      "outputs old.json sha256 aaaaaaaaaaaa -> (none), bytes 10 -> (none)"
    ])
    assert.deepStrictEqual(diffEntry(pinned, pinned), [])
  })
})
