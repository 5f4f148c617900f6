import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { finerweb, scratchWorkspace } from "../../testing/scratch-workspace.ts"

/** The lines the CLI printed for the user on stderr, npm's own warnings aside. */
const errorLines = (stderr: string) => stderr.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("npm warn"))

/** Every file under a folder, recursively, relative to it. */
const filesUnder = (dir: string): Array<string> =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
    : []

describe("the finerweb CLI", () => {
  let root: string
  beforeAll(() => {
    root = scratchWorkspace(["afr_Latn", "tha_Thai", "eng_Latn"])
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it("--help lists the six stages and the lock commands", () => {
    const result = finerweb(root, ["--help"])
    expect(result.status).toBe(0)
    for (const command of ["sample", "score", "annotate", "judge", "translate", "export", "lock"]) {
      expect(result.stdout).toContain(command)
    }
  })

  it("an unknown language code gives one line naming the missing file, and writes nothing", () => {
    const result = finerweb(root, ["sample", "xxx_Latn"])
    expect(result.status).toBe(1)
    expect(errorLines(result.stderr)).toEqual([
      "finerweb: unknown language code 'xxx_Latn': there is no languages/xxx_Latn/language.json"
    ])
    expect(existsSync(join(root, "languages/xxx_Latn"))).toBe(false)
  })

  it("a malformed language.json gives one line naming the file and what is wrong", () => {
    const file = join(root, "languages/eng_Latn/language.json")
    const valid = readFileSync(file, "utf8")
    writeFileSync(file, valid.slice(0, 40))
    let lines = errorLines(finerweb(root, ["sample", "eng_Latn"]).stderr)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^finerweb: languages\/eng_Latn\/language\.json: not JSON/)
    writeFileSync(file, valid.replace("\"Latn\"", "\"Tibt\""))
    lines = errorLines(finerweb(root, ["sample", "eng_Latn"]).stderr)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^finerweb: languages\/eng_Latn\/language\.json: .*script/)
    writeFileSync(file, valid)
    expect(existsSync(join(root, "languages/eng_Latn/out"))).toBe(false)
  })

  it("runs the six stages on the embedded corpus with the offline teacher, and the lock then checks clean", () => {
    for (const stage of ["sample", "score", "annotate", "judge", "translate", "export"]) {
      const result = finerweb(root, [stage, "tha_Thai"], { FINERWEB_LLM_API_KEY: "sk-never-written-123" })
      expect(result.stderr).toBe("")
      expect(result.status).toBe(0)
      expect(result.stdout).toContain(`[finerweb] ${stage} tha_Thai`)
    }
    const records = readFileSync(join(root, "languages/tha_Thai/out/export/tha_Thai.jsonl"), "utf8").trim().split("\n")
    const record = JSON.parse(records[0]) as { id: string; text: string; char_spans: Array<unknown> }
    expect(record.id).toMatch(/^udhr-tha-.+-s0$/)
    const manifest = readFileSync(join(root, "languages/tha_Thai/out/annotate/manifest.json"), "utf8")
    expect(manifest).toContain("a rule-based stand-in, not an LLM")
    for (const file of [...filesUnder(join(root, "languages")), ...filesUnder(join(root, ".finerweb"))]) {
      expect(readFileSync(file, "utf8")).not.toContain("sk-never-written-123")
    }
    expect(finerweb(root, ["lock", "fold"]).status).toBe(0)
    expect(finerweb(root, ["lock", "check"]).status).toBe(0)
  })

  it("a rerun writes byte-identical outputs", () => {
    const before = readFileSync(join(root, "languages/tha_Thai/out/annotate/lock.json"), "utf8")
    expect(finerweb(root, ["annotate", "tha_Thai"]).status).toBe(0)
    expect(readFileSync(join(root, "languages/tha_Thai/out/annotate/lock.json"), "utf8")).toBe(before)
  })

  it("keeps the teacher's cached answers apart per version of its rules", () => {
    const cache = join(root, ".finerweb/llm-cache")
    expect(readdirSync(cache).filter((name) => name.startsWith("offline-teacher-"))).toHaveLength(1)
    appendFileSync(join(root, "tools/teacher/src/annotate.ts"), "\n// a changed rule\n")
    expect(finerweb(root, ["annotate", "tha_Thai"]).status).toBe(0)
    expect(readdirSync(cache).filter((name) => name.startsWith("offline-teacher-"))).toHaveLength(2)
  })

  it("lock check fails and names the file when an output no longer matches the lock", () => {
    const file = join(root, "languages/tha_Thai/out/export/stats.json")
    const original = readFileSync(file, "utf8")
    writeFileSync(file, original + " ")
    const result = finerweb(root, ["lock", "check"])
    expect(result.status).toBe(1)
    expect(result.stderr).toContain("languages/tha_Thai/out/export/stats.json: sha256")
    writeFileSync(file, original)
  })

  it("a corpus row without text gives one line naming the file and line, and keeps the previous output", () => {
    expect(finerweb(root, ["sample", "afr_Latn"]).status).toBe(0)
    const lock = readFileSync(join(root, "languages/afr_Latn/out/sample/lock.json"), "utf8")
    const corpus = join(root, "corpus")
    mkdirSync(join(corpus, "data/afr_Latn/train"), { recursive: true })
    const shard = join(corpus, "data/afr_Latn/train/000_00000.jsonl")
    writeFileSync(shard, JSON.stringify({ id: "a", text: "Die Kaapse Dokter waai oor Kaapstad." }) + "\n" + JSON.stringify({ id: "b", url: null }) + "\n")
    const result = finerweb(root, ["sample", "afr_Latn"], { FINERWEB_CORPUS_DIR: corpus })
    expect(result.status).toBe(1)
    expect(errorLines(result.stderr)).toEqual([`finerweb: corpus row without text: ${shard}:2`])
    expect(readFileSync(join(root, "languages/afr_Latn/out/sample/lock.json"), "utf8")).toBe(lock)
    expect(readdirSync(join(root, "languages/afr_Latn/out"))).toEqual(["sample"])
  })

  it("reads a plain folder of rows in the FineWeb-2 shape and says when it holds fewer documents than wanted", () => {
    const corpus = join(root, "plain-corpus")
    mkdirSync(corpus)
    const rows = ["Kaapstad lê aan die voet van Tafelberg.", "Pretoria is die uitvoerende hoofstad.", "Die Vrystaat grens aan Lesotho."]
    writeFileSync(join(corpus, "rows.jsonl"), rows.map((text, i) => JSON.stringify({ id: `doc-${i}`, text, url: null })).join("\n"))
    const result = finerweb(root, ["sample", "afr_Latn"], { FINERWEB_CORPUS_DIR: corpus })
    expect(result.status).toBe(0)
    expect(result.stdout).toContain("3 passages from 3 documents")
    const manifest = JSON.parse(readFileSync(join(root, "languages/afr_Latn/out/sample/manifest.json"), "utf8"))
    expect(manifest.documents).toBe(3)
    expect(manifest.shortfall).toMatch(/holds 3 documents, fewer than the 5000 wanted for 2500 passages/)
  })

  it("an unreachable LLM endpoint gives one line naming it, without the key, and leaves no partial output", () => {
    const llm = join(root, "libs/config/stages/llm.json")
    writeFileSync(llm, readFileSync(llm, "utf8").replace("\"retries\": 5", "\"retries\": 1"))
    expect(finerweb(root, ["sample", "afr_Latn"]).status).toBe(0)
    expect(finerweb(root, ["score", "afr_Latn"]).status).toBe(0)
    const result = finerweb(root, ["annotate", "afr_Latn"], {
      FINERWEB_LLM_BASE_URL: "http://127.0.0.1:9/v1",
      FINERWEB_LLM_API_KEY: "sk-secret-456"
    })
    expect(result.status).toBe(1)
    const lines = errorLines(result.stderr)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain("http://127.0.0.1:9/v1 could not be reached")
    expect(result.stderr + result.stdout).not.toContain("sk-secret-456")
    expect(readdirSync(join(root, "languages/afr_Latn/out")).sort()).toEqual(["sample", "score"])
  })

  it("a stage whose upstream output is missing says which stage to run first", () => {
    const result = finerweb(root, ["score", "eng_Latn"])
    expect(result.status).toBe(1)
    expect(errorLines(result.stderr)).toEqual([
      "finerweb: languages/eng_Latn/out/sample/passages.jsonl is missing: run the sample stage for this language first"
    ])
  })
})
