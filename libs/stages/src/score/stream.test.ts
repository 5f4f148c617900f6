import { NodeServices } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema, Stream } from "effect"
import { createHash } from "node:crypto"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { onTestFinished } from "vitest"
import { jsonlWriter, streamJsonl } from "./stream.ts"

const Row = Schema.Struct({ n: Schema.Int, text: Schema.String })

const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), "finerweb-stream-"))
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

describe("streamJsonl", () => {
  it.effect("reads every row of a file larger than one read chunk, lines cut across chunks included, blank lines skipped", () =>
    Effect.gen(function*() {
      const file = join(folder(), "rows.jsonl")
      // 3,000 rows of ~110 bytes: about 330 KB, five 64 KiB read chunks whose edges fall inside lines.
      const lines = Array.from({ length: 3000 }, (_, n) => JSON.stringify({ n, text: "ü".repeat(n % 7) + "x".repeat(90) }))
      writeFileSync(file, lines.slice(0, 1500).join("\n") + "\n\n" + lines.slice(1500).join("\n") + "\n")
      const rows = yield* Stream.runCollect(streamJsonl(file, Row))
      assert.strictEqual(rows.length, 3000)
      assert.deepStrictEqual(rows.map((row) => row.n), Array.from({ length: 3000 }, (_, n) => n))
      assert.strictEqual(rows[2999].text, "ü".repeat(2999 % 7) + "x".repeat(90))
    }).pipe(Effect.provide(NodeServices.layer)))

  it.effect("names the file and line of a row that does not decode", () =>
    Effect.gen(function*() {
      const file = join(folder(), "rows.jsonl")
      writeFileSync(file, `{"n":1,"text":"a"}\n\n{"n":"two","text":"b"}\n`)
      const error = yield* Stream.runCollect(streamJsonl(file, Row)).pipe(Effect.flip)
      assert.match(error.message, new RegExp(`^${file}:3: `))
    }).pipe(Effect.provide(NodeServices.layer)))
})

describe("jsonlWriter", () => {
  it.effect("writes rows in batches and gives the sha256, bytes and rows of the file it wrote", () =>
    Effect.gen(function*() {
      const path = join(folder(), "out.jsonl")
      const digest = yield* Effect.scoped(Effect.gen(function*() {
        const writer = yield* jsonlWriter(path, Row)
        yield* writer.write([{ n: 1, text: "é" }, { n: 2, text: "b" }])
        yield* writer.write([])
        yield* writer.write([{ n: 3, text: "c" }])
        return yield* writer.finish
      }))
      const expected = `{"n":1,"text":"é"}\n{"n":2,"text":"b"}\n{"n":3,"text":"c"}\n`
      assert.strictEqual(readFileSync(path, "utf8"), expected)
      assert.deepStrictEqual(digest, {
        sha256: createHash("sha256").update(expected).digest("hex"),
        bytes: Buffer.byteLength(expected),
        rows: 3
      })
    }).pipe(Effect.provide(NodeServices.layer)))
})
