import { NodeServices } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { execFileSync } from "node:child_process"
import { createHash } from "node:crypto"
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { foldLock } from "#lock"
import { buildRelease } from "./release.ts"
import { passages, releaseWorkspace } from "./release.fixture.ts"

const stages = ["sample", "score", "annotate", "judge", "translate", "export"]
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex")

/** Every file under a folder, relative to it, in code-unit order. */
const filesUnder = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort()

const contents = (dir: string) => Object.fromEntries(filesUnder(dir).map((file) => [file, readFileSync(join(dir, file), "hex")]))

const build = (root: string) => buildRelease(root, stages).pipe(Effect.provide(NodeServices.layer))

describe("buildRelease", () => {
  it.effect("gathers both languages' exports in the Hugging Face layout, with the card, statistics, the lock and SHA256SUMS", () =>
    Effect.gen(function*() {
      const root = releaseWorkspace()
      yield* build(root)
      const release = join(root, "release")
      assert.deepStrictEqual(filesUnder(release), [
        "README.md",
        "SHA256SUMS",
        "conll/afr_Latn.conll",
        "conll/tha_Thai.conll",
        "data/afr/train-00000-of-00001.parquet",
        "data/tha/train-00000-of-00001.parquet",
        "datasets.lock",
        "gliner/afr_Latn.gliner.jsonl",
        "gliner/tha_Thai.gliner.jsonl",
        "jsonl/afr_Latn.jsonl",
        "jsonl/afr_Latn.x.jsonl",
        "jsonl/tha_Thai.jsonl",
        "jsonl/tha_Thai.x.jsonl",
        "labels/afr_Latn.labels.json",
        "labels/tha_Thai.labels.json",
        "statistics/languages.csv",
        "statistics/languages.json",
        "statistics/scripts.csv",
        "statistics/scripts.json"
      ])
      const exported = (code: string, name: string) => readFileSync(join(root, "languages", code, "out/export", name))
      assert.deepStrictEqual(readFileSync(join(release, "data/tha/train-00000-of-00001.parquet")), exported("tha_Thai", "tha_Thai.parquet"))
      assert.deepStrictEqual(readFileSync(join(release, "conll/afr_Latn.conll")), exported("afr_Latn", "afr_Latn.conll"))
      const scripts = JSON.parse(readFileSync(join(release, "statistics/scripts.json"), "utf8")) as Array<{ script: string }>
      assert.deepStrictEqual(scripts.map((row) => row.script).sort(), ["Latn", "Thai"])
    }))

  it.effect("lists every other file in SHA256SUMS, in sha256sum's format, with digests that verify", () =>
    Effect.gen(function*() {
      const root = releaseWorkspace()
      yield* build(root)
      const release = join(root, "release")
      const lines = readFileSync(join(release, "SHA256SUMS"), "utf8").split("\n").filter((line) => line !== "")
      const listed = lines.map((line) => {
        const match = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line)
        assert.isNotNull(match, line)
        const [, digest, file] = match as RegExpExecArray
        assert.strictEqual(sha256(readFileSync(join(release, file))), digest, file)
        return file
      })
      assert.deepStrictEqual(listed, filesUnder(release).filter((file) => file !== "SHA256SUMS"))
      // GNU coreutils checks it too, as a user would.
      assert.include(execFileSync("sha256sum", ["-c", "SHA256SUMS"], { cwd: release, encoding: "utf8" }), "README.md: OK")
    }))

  it.effect("writes a card whose counts are those of the files, and which names the lock the build folds", () =>
    Effect.gen(function*() {
      const root = releaseWorkspace()
      yield* build(root)
      const release = join(root, "release")
      const card = readFileSync(join(release, "README.md"), "utf8")
      for (const [code, iso3] of [["afr_Latn", "afr"], ["tha_Thai", "tha"]]) {
        const records = readFileSync(join(release, "jsonl", `${code}.jsonl`), "utf8").trim().split("\n")
          .map((line) => JSON.parse(line) as { char_spans: Array<unknown> })
        const spans = records.reduce((n, record) => n + record.char_spans.length, 0)
        const row = card.split("\n").find((line) => line.startsWith(`| ${iso3} |`))
        assert.isDefined(row, code)
        const cells = (row as string).split("|").map((cell) => cell.trim())
        assert.deepStrictEqual(cells.slice(4, 7), [String(passages[code]), String(records.length), String(spans)], code)
        assert.include(card, `- config_name: ${iso3}\n  data_files:\n  - split: train\n    path: data/${iso3}/train-00000-of-00001.parquet`)
      }
      // afr: 3 sentences and 4 spans; tha: 1 and 1. Judged: afr (4, 5) and (5, 3), tha (5, 3).
      assert.include(card, "| afr | Afrikaans (afr_Latn) | Latn | 2 | 3 | 4 | 2 | 4.50 | 4.00 |")
      assert.include(card, "| **all** |  |  | 3 | 4 | 5 | 3 | 4.67 | 3.67 |")
      assert.include(card, "- af\n- th\n")
      assert.match(card, /^- the embedded stand-in corpus: .*: afr_Latn, tha_Thai$/m)
      assert.include(card, "NOT an LLM")
      assert.include(card, `sha256 \`${"5".repeat(64)}\``)

      const lock = join(root, "datasets.lock")
      assert.isFalse(existsSync(lock))
      yield* foldLock(root, stages).pipe(Effect.provide(NodeServices.layer))
      assert.include(card, `\`datasets.lock\` sha256 \`${sha256(readFileSync(lock))}\``)
      // The release carries the lock the card names, byte for byte as the fold writes it.
      assert.deepStrictEqual(readFileSync(join(release, "datasets.lock")), readFileSync(lock))
    }))

  it.effect("gives the same bytes when run again", () =>
    Effect.gen(function*() {
      const root = releaseWorkspace()
      yield* build(root)
      const first = contents(join(root, "release"))
      yield* build(root)
      assert.deepStrictEqual(contents(join(root, "release")), first)
    }))

  it.effect("never leaves a half release: a failed run keeps the previous one, a killed run's leftovers are cleared", () =>
    Effect.gen(function*() {
      const root = releaseWorkspace()
      yield* build(root)
      const release = join(root, "release")
      const before = contents(release)

      rmSync(join(root, "languages/tha_Thai/out/export/tha_Thai.conll"))
      const error = yield* build(root).pipe(Effect.flip)
      assert.strictEqual(error.message, "languages/tha_Thai/out/export/tha_Thai.conll is missing: run the export stage for this language first")
      assert.deepStrictEqual(contents(release), before)
      assert.deepStrictEqual(readdirSync(root).sort(), ["languages", "release"])

      // What a process killed mid-write leaves: a temporary sibling, never a partial release/.
      writeFileSync(join(root, "languages/tha_Thai/out/export/tha_Thai.conll"), "กรุงเทพสวย O\n")
      mkdirSync(join(root, "release.tmp-999-killed", "data"), { recursive: true })
      writeFileSync(join(root, "release.tmp-999-killed", "README.md"), "half")
      yield* build(root)
      assert.deepStrictEqual(readdirSync(root).sort(), ["languages", "release"])
      assert.deepStrictEqual(filesUnder(release), Object.keys(before))
    }))

  it.effect("refuses statistics that do not count the records they sit beside", () =>
    Effect.gen(function*() {
      const root = releaseWorkspace()
      const file = join(root, "languages/afr_Latn/out/export/stats.json")
      writeFileSync(file, readFileSync(file, "utf8").replace("\"sentences\": 3", "\"sentences\": 5"))
      const error = yield* build(root).pipe(Effect.flip)
      assert.strictEqual(
        error.message,
        "languages/afr_Latn/out/export/stats.json: counts 5 sentences and 4 spans, but afr_Latn.jsonl holds 3 and 4"
      )
      assert.isFalse(existsSync(join(root, "release")))
    }))
})
