import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { pinnedStages, stageNames, stageTable } from "#stages"
import { finerweb, scratchWorkspace } from "#testing"

/** The lines the CLI printed for the user on stderr, npm's own warnings aside. */
const errorLines = (stderr: string) => stderr.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("npm warn"))

/** Every file under a folder, recursively. */
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

  it("--help lists every stage of the table, with what it does, and the lock commands", () => {
    const result = finerweb(root, ["--help"])
    expect(result.status).toBe(0)
    for (const stage of stageNames) {
      expect(result.stdout).toMatch(new RegExp(`^\\s+${stage}\\s+${stageTable[stage].does.slice(0, 30).replace(/[()[\]`"]/g, ".")}`, "m"))
    }
    expect(result.stdout).toMatch(/^\s+lock\s/m)
    expect(result.stdout).toMatch(/^\s+verify\s+recompute every output's digest/m)
    expect(result.stdout).toMatch(/^\s+status\s+a language x stage grid of what is fresh, stale/m)
    expect(result.stdout).toMatch(/^\s+release\s+gathers every language's export into release\//m)
    expect(result.stdout).toMatch(/^\s+train-scorer\s+fits the passage scorer/m)
  })

  it("an unknown language code gives one line naming the missing file, and writes nothing", () => {
    const result = finerweb(root, ["sample", "xxx_Latn"])
    expect(result.status).toBe(1)
    expect(errorLines(result.stderr)).toEqual([
      "finerweb: unknown language code 'xxx_Latn': there is no languages/xxx_Latn/language.json"
    ])
    expect(existsSync(join(root, "languages/xxx_Latn"))).toBe(false)
  })

  it("evaluate of a language without gold data gives one line saying so, and writes nothing", () => {
    const result = finerweb(root, ["evaluate", "afr_Latn"])
    expect(result.status).toBe(1)
    expect(errorLines(result.stderr)).toEqual([
      "finerweb: afr_Latn has no evaluate stage: a language has it when its language.json names a gold set"
    ])
    expect(existsSync(join(root, "languages/afr_Latn/out/evaluate"))).toBe(false)
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

  it("runs the six stages with the offline teacher, never writes the key, and the folded lock checks clean", () => {
    for (const stage of pinnedStages) {
      const result = finerweb(root, [stage, "tha_Thai"], { FINERWEB_LLM_API_KEY: "sk-never-written-123" })
      expect(result.stderr).toBe("")
      expect(result.status).toBe(0)
      expect(result.stdout).toContain(`[finerweb] ${stage} tha_Thai`)
    }
    expect(readFileSync(join(root, "languages/tha_Thai/out/annotate/manifest.json"), "utf8")).toContain("a rule-based stand-in, not an LLM")
    for (const file of [...filesUnder(join(root, "languages")), ...filesUnder(join(root, ".finerweb"))]) {
      expect(readFileSync(file, "utf8")).not.toContain("sk-never-written-123")
    }
    expect(finerweb(root, ["lock", "fold"]).status).toBe(0)
    expect(finerweb(root, ["lock", "check"]).status).toBe(0)
  })

  it("lock check fails and names the file when an output no longer matches the lock", () => {
    const file = join(root, "languages/tha_Thai/out/export/stats.json")
    if (!existsSync(join(root, "datasets.lock"))) {
      for (const stage of pinnedStages) expect(finerweb(root, [stage, "tha_Thai"]).status).toBe(0)
      expect(finerweb(root, ["lock", "fold"]).status).toBe(0)
    }
    const original = readFileSync(file, "utf8")
    writeFileSync(file, original + " ")
    const result = finerweb(root, ["lock", "check"])
    expect(result.status).toBe(1)
    expect(result.stderr).toContain("languages/tha_Thai/out/export/stats.json: sha256")
    writeFileSync(file, original)
  })

  it("verify passes on a folded lock, then names a changed output with both digests and a stray file", () => {
    if (!existsSync(join(root, "languages/tha_Thai/out/export/stats.json"))) {
      for (const stage of pinnedStages) expect(finerweb(root, [stage, "tha_Thai"]).status).toBe(0)
    }
    expect(finerweb(root, ["lock", "fold"]).status).toBe(0)
    expect(finerweb(root, ["verify"]).status).toBe(0)
    const file = join(root, "languages/tha_Thai/out/export/stats.json")
    const stray = join(root, "languages/tha_Thai/out/export/notes.txt")
    const original = readFileSync(file, "utf8")
    writeFileSync(file, original + " ")
    writeFileSync(stray, "not an output")
    const result = finerweb(root, ["verify"])
    writeFileSync(file, original)
    rmSync(stray)
    expect(result.status).toBe(1)
    const lines = errorLines(result.stderr)
    expect(lines).toHaveLength(3)
    expect(lines[0]).toBe("finerweb: datasets.lock disagrees with the files on disk:")
    expect(lines[1]).toBe("  languages/tha_Thai/out/export/notes.txt: not in the lock")
    const bytes = Buffer.byteLength(original)
    expect(lines[2]).toMatch(new RegExp(
      `^  languages/tha_Thai/out/export/stats\\.json: sha256 [0-9a-f]{64} \\(${bytes + 1} bytes\\), the lock pins [0-9a-f]{64} \\(${bytes} bytes\\)$`
    ))
  })

  it("status reports fresh, stale and missing cells as a grid and as JSON, and exits 0 either way", () => {
    if (!existsSync(join(root, "languages/tha_Thai/out/export/stats.json"))) {
      for (const stage of pinnedStages) expect(finerweb(root, [stage, "tha_Thai"]).status).toBe(0)
    }
    const json = finerweb(root, ["status", "--json"])
    expect(json.status).toBe(0)
    const cells = JSON.parse(json.stdout) as Array<{ language: string; stage: string; state: string; reasons: Array<string> }>
    expect(cells.filter((cell) => cell.language === "tha_Thai").map((cell) => `${cell.stage} ${cell.state}`)).toEqual([
      "sample fresh",
      "rate missing",
      "score fresh",
      "annotate-second fresh",
      "annotate fresh",
      "judge fresh",
      "translate fresh",
      "export fresh",
      "evaluate missing"
    ])
    const prompt = join(root, "libs/stages/src/judge/prompt.md")
    const original = readFileSync(prompt, "utf8")
    writeFileSync(prompt, original + "\nBe brief.\n")
    const grid = finerweb(root, ["status"])
    writeFileSync(prompt, original)
    expect(grid.status).toBe(0)
    expect(grid.stdout).toMatch(/^language +sample +rate\* +score +annotate-second +annotate +judge +translate +export +evaluate\*$/m)
    expect(grid.stdout).toMatch(/^tha_Thai +ok +-- +ok +ok +ok +STALE +ok +STALE +--$/m)
    expect(grid.stdout).toContain("  tha_Thai judge: prompt changed\n  tha_Thai export: upstream stale: judge\n")
  })

  it("status names a stage whose own code changed, and not the stages that do not run that code", () => {
    if (!existsSync(join(root, "languages/tha_Thai/out/export/stats.json"))) {
      for (const stage of pinnedStages) expect(finerweb(root, [stage, "tha_Thai"]).status).toBe(0)
    }
    const code = join(root, "libs/stages/src/translate/translate.ts")
    const original = readFileSync(code, "utf8")
    writeFileSync(code, `${original}\n// an edit\n`)
    const json = finerweb(root, ["status", "--json"])
    writeFileSync(code, original)
    const cells = JSON.parse(json.stdout) as Array<{ language: string; stage: string; state: string; reasons: Array<string> }>
    expect(Object.fromEntries(cells.filter((cell) => cell.language === "tha_Thai" && cell.state === "stale").map((cell) => [cell.stage, cell.reasons])))
      .toEqual({ translate: ["code changed"], export: ["upstream stale: translate"] })
  })

  it("status --cost prices a stale LLM cell: an edited prompt misses the cache for every request, edited code for none", () => {
    if (!existsSync(join(root, "languages/tha_Thai/out/export/stats.json"))) {
      for (const stage of pinnedStages) expect(finerweb(root, [stage, "tha_Thai"]).status).toBe(0)
    }
    const judged = JSON.parse(readFileSync(join(root, "languages/tha_Thai/out/judge/manifest.json"), "utf8")).sampled
    const prompt = join(root, "libs/stages/src/judge/prompt.md")
    const code = join(root, "libs/stages/src/translate/translate.ts")
    const [originalPrompt, originalCode] = [readFileSync(prompt, "utf8"), readFileSync(code, "utf8")]
    writeFileSync(prompt, `${originalPrompt}\nBe brief.\n`)
    writeFileSync(code, `${originalCode}\n// an edit\n`)
    const json = finerweb(root, ["status", "--cost", "--json"])
    const grid = finerweb(root, ["status", "--cost"])
    writeFileSync(prompt, originalPrompt)
    writeFileSync(code, originalCode)
    expect(json.status).toBe(0)
    const { cost } = JSON.parse(json.stdout) as { cost: Array<Record<string, string | number>> }
    const tha = cost.filter((cell) => cell.language === "tha_Thai")
    expect(judged).toBeGreaterThan(0)
    const judge = tha.find((cell) => cell.stage === "judge")!
    expect([judge.requests, judge.cached, judge.misses]).toEqual([judged, 0, judged])
    // Every prompt holds the appended words: at least their bytes / 4 each.
    expect(judge.promptTokens).toBeGreaterThan(judged * Math.ceil("Be brief.".length / 4))
    const translate = tha.find((cell) => cell.stage === "translate")!
    expect(translate.misses).toBe(0)
    expect(translate.cached).toBe(translate.requests)
    // rate was never built and its prompts are not cached; evaluate is not priced.
    expect(tha.map((cell) => cell.stage).toSorted()).toEqual(["judge", "rate", "translate"])
    expect(grid.stdout).toMatch(new RegExp(`^tha_Thai +judge +${judged} +0 +${judged} +${judge.promptTokens}$`, "m"))
  })

  it("keeps the teacher's cached answers apart per version of its rules", () => {
    for (const stage of ["sample", "score", "annotate-second", "annotate"]) expect(finerweb(root, [stage, "afr_Latn"]).status).toBe(0)
    const cache = join(root, ".finerweb/llm-cache")
    const before = readdirSync(cache).filter((name) => name.startsWith("offline-teacher-"))
    appendFileSync(join(root, "libs/teacher/src/annotate.ts"), "\n// a changed rule\n")
    expect(finerweb(root, ["annotate", "afr_Latn"]).status).toBe(0)
    const after = readdirSync(cache).filter((name) => name.startsWith("offline-teacher-"))
    expect(after).toHaveLength(before.length + 1)
  })

  it("an unreachable LLM endpoint gives one line naming it, without the key, and leaves no partial output", () => {
    const llm = join(root, "libs/llm/llm.json")
    writeFileSync(llm, readFileSync(llm, "utf8").replace("\"retries\": 5", "\"retries\": 1"))
    expect(finerweb(root, ["sample", "eng_Latn"]).status).toBe(0)
    expect(finerweb(root, ["score", "eng_Latn"]).status).toBe(0)
    expect(finerweb(root, ["annotate-second", "eng_Latn"]).status).toBe(0)
    const result = finerweb(root, ["annotate", "eng_Latn"], {
      FINERWEB_LLM_BASE_URL: "http://127.0.0.1:9/v1",
      FINERWEB_LLM_API_KEY: "sk-secret-456"
    })
    expect(result.status).toBe(1)
    const lines = errorLines(result.stderr)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain("http://127.0.0.1:9/v1 could not be reached")
    expect(result.stderr + result.stdout).not.toContain("sk-secret-456")
    expect(readdirSync(join(root, "languages/eng_Latn/out")).sort()).toEqual(["annotate-second", "sample", "score"])
  })

  it("synthesize writes synthetic/<set> under the current folder, and refuses a count that is not positive", () => {
    const gold = join(root, "gold")
    mkdirSync(join(gold, "masakhaner2/hau"), { recursive: true })
    // Written for this test in the MasakhaNER layout; not MasakhaNER data.
    writeFileSync(join(gold, "masakhaner2/hau/test.txt"), "Ali B-PER\nya O\nzo O\n\nMusa B-PER\nBello I-PER\nya O\ntafi O\n")
    const result = finerweb(root, ["synthesize", "masakhaner2-hau", "--gold", gold, "--examples", "2", "--points", "2", "--calls", "3"])
    expect(result.stderr).toBe("")
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(/^\[finerweb\] synthesize masakhaner2-hau: 6 of 6 data points usable \(100\.0%\) from 3 calls of 2 examples/m)
    const report = JSON.parse(readFileSync(join(root, "synthetic/masakhaner2-hau/report.json"), "utf8"))
    expect([report.examples, report.points, report.calls, report.seed]).toEqual([2, 2, 3, "finerweb-synthesize-1"])
    expect(readFileSync(join(root, "synthetic/masakhaner2-hau/synthetic.conll"), "utf8").split("\n\n")).toHaveLength(7)
    const refused = finerweb(root, ["synthesize", "masakhaner2-hau", "--gold", gold, "--calls", "0"])
    expect(refused.status).toBe(1)
    expect(refused.stdout + refused.stderr).toMatch(/calls/)
  })

  it("a stage whose upstream output is missing says which stage to run first", () => {
    const result = finerweb(root, ["judge", "eng_Latn"])
    expect(result.status).toBe(1)
    expect(errorLines(result.stderr)).toEqual([
      "finerweb: languages/eng_Latn/out/annotate/annotations.jsonl is missing: run the annotate stage for this language first"
    ])
  })

  it("release before the exports names the first missing file and leaves no release folder", () => {
    const fresh = scratchWorkspace(["eng_Latn"])
    const result = finerweb(fresh, ["release"])
    const left = readdirSync(fresh).filter((name) => name.startsWith("release"))
    rmSync(fresh, { recursive: true, force: true })
    expect(left).toEqual([])
    expect(result.status).toBe(1)
    expect(errorLines(result.stderr)).toEqual([
      "finerweb: languages/eng_Latn/out/export/eng_Latn.parquet is missing: run the export stage for this language first"
    ])
  })
})
