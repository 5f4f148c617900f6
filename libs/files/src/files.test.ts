import { NodeServices } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { replaceDirectory, writeFileAtomic } from "./atomic.ts"
import { canonicalJson } from "./canonical.ts"
import { digestBytes } from "./digest.ts"
import { readJsonl, toJsonl } from "./jsonl.ts"

const scratch = () => fs.mkdtempSync(path.join(os.tmpdir(), "finerweb-files-"))

describe("canonicalJson", () => {
  it("serialises equal objects with differently ordered keys to the same text", () => {
    assert.strictEqual(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null } }), canonicalJson({ a: { c: null, d: [2, { x: 0, y: 1 }] }, b: 1 }))
    assert.strictEqual(canonicalJson({ b: 1, a: 2 }), "{\"a\":2,\"b\":1}")
    assert.strictEqual(canonicalJson({ b: [{ d: 1, c: 2 }], a: null }), `{"a":null,"b":[{"c":2,"d":1}]}`)
  })
})

describe("digestBytes", () => {
  it("counts JSONL rows by their newlines and no rows for other files", () => {
    const bytes = new TextEncoder().encode(toJsonl([{ a: 1 }, { a: 2 }]))
    assert.strictEqual(digestBytes("x.jsonl", bytes).rows, 2)
    assert.strictEqual(digestBytes("x.json", bytes).rows, undefined)
    assert.strictEqual(digestBytes("x.json", bytes).bytes, bytes.byteLength)
  })
})

describe("atomic writes", () => {
  it.effect("writeFileAtomic leaves the file and no temporary sibling", () =>
    Effect.gen(function*() {
      const dir = scratch()
      yield* writeFileAtomic(path.join(dir, "a", "b.txt"), "hello")
      assert.strictEqual(fs.readFileSync(path.join(dir, "a", "b.txt"), "utf8"), "hello")
      assert.deepStrictEqual(fs.readdirSync(path.join(dir, "a")), ["b.txt"])
    }).pipe(Effect.provide(NodeServices.layer)))

  it.effect("replaceDirectory keeps the previous folder when the build fails and clears leftovers of killed runs", () =>
    Effect.gen(function*() {
      const dir = scratch()
      const target = path.join(dir, "out")
      fs.mkdirSync(target)
      fs.writeFileSync(path.join(target, "old.txt"), "old")
      const failed = yield* replaceDirectory(target, (temporary) =>
        Effect.gen(function*() {
          fs.writeFileSync(path.join(temporary, "half.txt"), "half")
          return yield* Effect.fail("disk full")
        })).pipe(Effect.flip)
      assert.strictEqual(failed, "disk full")
      assert.deepStrictEqual(fs.readdirSync(dir), ["out"])
      assert.deepStrictEqual(fs.readdirSync(target), ["old.txt"])
      fs.mkdirSync(path.join(dir, "out.tmp-999999"))
      fs.writeFileSync(path.join(dir, "out.tmp-999999", "killed.txt"), "left by a killed run")
      yield* replaceDirectory(target, (temporary) => Effect.sync(() => fs.writeFileSync(path.join(temporary, "new.txt"), "new")))
      assert.deepStrictEqual(fs.readdirSync(target), ["new.txt"])
      assert.deepStrictEqual(fs.readdirSync(dir), ["out"])
    }).pipe(Effect.provide(NodeServices.layer)))
})

describe("readJsonl", () => {
  const Row = Schema.Struct({ text: Schema.NonEmptyString })
  it.effect("decodes rows and skips blank lines", () =>
    Effect.gen(function*() {
      const file = path.join(scratch(), "rows.jsonl")
      fs.writeFileSync(file, "{\"text\":\"a\"}\n\n{\"text\":\"b\"}\n")
      const rows = yield* readJsonl(file, Row)
      assert.deepStrictEqual(rows.map((row) => row.text), ["a", "b"])
    }).pipe(Effect.provide(NodeServices.layer)))

  it.effect("names the file and line of a row that does not decode", () =>
    Effect.gen(function*() {
      const file = path.join(scratch(), "rows.jsonl")
      fs.writeFileSync(file, "{\"text\":\"a\"}\n{\"id\":\"b\"}\n")
      const error = yield* readJsonl(file, Row).pipe(Effect.flip)
      assert.include(error.message, `${file}:2:`)
      const broken = path.join(scratch(), "broken.jsonl")
      fs.writeFileSync(broken, "{\"text\":")
      assert.include((yield* readJsonl(broken, Row).pipe(Effect.flip)).message, `${broken}:1: not JSON`)
    }).pipe(Effect.provide(NodeServices.layer)))
})
