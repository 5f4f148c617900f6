import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import type { CorpusDocument } from "./Document.ts"
import { sampleDocuments, sampleKey } from "./sample.ts"

const corpus: ReadonlyArray<CorpusDocument> = Array.from({ length: 200 }, (_, index) => ({
  id: `doc-${index}`,
  text: `text ${index}`,
  url: null
}))

const sample = (documents: ReadonlyArray<CorpusDocument>, seed: string, count: number) =>
  sampleDocuments(Stream.fromIterable(documents), { seed, count })

const ids = (documents: ReadonlyArray<CorpusDocument>) => documents.map((document) => document.id)

describe("sampleDocuments", () => {
  it.effect("keeps the documents with the smallest sha256 of seed:id, in that order", () =>
    Effect.gen(function*() {
      const kept = yield* sample(corpus, "s1", 10)
      const expected = [...corpus]
        .sort((a, b) => (sampleKey("s1", a.id) < sampleKey("s1", b.id) ? -1 : 1))
        .slice(0, 10)
      assert.deepStrictEqual(ids(kept), ids(expected))
    }))

  it.effect("does not depend on the order of the documents", () =>
    Effect.gen(function*() {
      const forward = yield* sample(corpus, "s1", 25)
      const backward = yield* sample([...corpus].reverse(), "s1", 25)
      const interleaved = yield* sample([...corpus.filter((_, i) => i % 2 === 1), ...corpus.filter((_, i) => i % 2 === 0)], "s1", 25)
      assert.deepStrictEqual(backward, forward)
      assert.deepStrictEqual(interleaved, forward)
    }))

  it.effect("changes with the seed", () =>
    Effect.gen(function*() {
      const one = yield* sample(corpus, "s1", 25)
      const two = yield* sample(corpus, "s2", 25)
      assert.notDeepEqual(ids(one), ids(two))
      assert.deepStrictEqual(yield* sample(corpus, "s2", 25), two)
    }))

  it.effect("keeps one document per id whatever order duplicates arrive in", () =>
    Effect.gen(function*() {
      const duplicates = [...corpus, { id: "doc-7", text: "another text", url: "https://example.org" }]
      const all = yield* sample(duplicates, "s1", 500)
      const reversed = yield* sample([...duplicates].reverse(), "s1", 500)
      assert.strictEqual(all.length, 200)
      assert.deepStrictEqual(reversed, all)
      assert.strictEqual(all.find((document) => document.id === "doc-7")!.text, "another text")
    }))

  it.effect("returns every document when asked for more, and none for zero", () =>
    Effect.gen(function*() {
      assert.strictEqual((yield* sample(corpus.slice(0, 5), "s1", 10)).length, 5)
      assert.deepStrictEqual(yield* sample(corpus, "s1", 0), [])
    }))

  it.effect("lets stream errors through", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(sampleDocuments(Stream.fail("broken"), { seed: "s1", count: 3 }))
      assert.strictEqual(error, "broken")
    }))
})
