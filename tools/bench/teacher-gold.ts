/**
 * The offline teacher of an earlier commit beside this one's, measured on the gold sets in one run through the same
 * evaluate program: this workspace's evaluate CLI runs every language that names a gold set twice, in two scratch
 * workspaces (each its own LLM response cache), once with its own in-process teacher and once against the earlier
 * commit's teacher, served from a clone of that commit. Only the annotator differs; prompt, parser, alignment, label
 * map and scoring are this commit's in both.
 *
 *   npx node tools/bench/teacher-gold.ts <earlier-commit>
 *
 * Needs ../shared/data (the gold sets). Prints per set: sentences, gold mentions of the evaluated types, typed F1
 * and per-type F1 earlier -> now, span-only F1 and the unmapped share; then the UNER sets pooled (micro).
 */
import { execFileSync, spawn } from "node:child_process"
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { Schema } from "effect"
import { poolScores, type Score, seqscorePercent } from "#evaluate"
import { type EvaluatedSet, EvaluationReport } from "#schema"
import { run, scratchWorkspace } from "#testing"
import { installedRoot } from "#workspace"

const [earlier] = process.argv.slice(2)
if (earlier === undefined) throw new Error("usage: teacher-gold.ts <earlier-commit>")
const goldDir = resolve(installedRoot, "../shared/data")
if (!existsSync(goldDir)) throw new Error(`no gold folder at ${goldDir}: the benchmark needs ../shared/data`)

const git = (args: ReadonlyArray<string>, cwd = installedRoot) => execFileSync("git", args, { cwd, encoding: "utf8" }).trim()

const clone = (commit: string) => {
  const folder = mkdtempSync(join(tmpdir(), "finerweb-teacher-"))
  execFileSync("git", ["clone", "--quiet", "--no-checkout", installedRoot, folder])
  execFileSync("git", ["checkout", "--quiet", commit], { cwd: folder })
  symlinkSync(join(installedRoot, "node_modules"), join(folder, "node_modules"), "dir")
  return folder
}

/** Starts a clone's teacher on a free port and waits for the line that names its base URL. */
const startTeacher = (folder: string) =>
  new Promise<{ url: string; stop: () => void }>((resolveUrl, reject) => {
    const child = spawn(process.execPath, [join(folder, "libs/teacher/src/main.ts"), "--port", "0"], {
      cwd: folder,
      stdio: ["ignore", "pipe", "pipe"]
    })
    let output = ""
    const stop = () => child.kill()
    child.stdout.on("data", (chunk) => {
      output += chunk
      const url = /at (http:\/\/\S+)/.exec(output)?.[1]
      if (url !== undefined) resolveUrl({ url, stop })
    })
    child.stderr.on("data", (chunk) => (output += chunk))
    child.on("exit", (status) => reject(new Error(`the earlier teacher exited (${status}) before serving:\n${output}`)))
  })

const goldLanguages = readdirSync(join(installedRoot, "languages"))
  .filter((code) => {
    const file = join(installedRoot, "languages", code, "language.json")
    return existsSync(file) && (JSON.parse(readFileSync(file, "utf8")).gold ?? []).length > 0
  })
  .sort()

/**
 * Evaluates every gold language in a fresh scratch workspace with the given environment: its sets by set id, who
 * annotated, and the endpoint and request count the lock fragments record (which show who was asked).
 */
const evaluateAll = (label: string, environment: Record<string, string>) => {
  const root = scratchWorkspace(goldLanguages)
  try {
    const sets = new Map<string, EvaluatedSet>()
    let annotator = ""
    const endpoints = new Set<string>()
    let requests = 0
    for (const code of goldLanguages) {
      const started = performance.now()
      const result = run(root, "node", [join(root, "tools/cli/main.ts"), "evaluate", code], { FINERWEB_GOLD_DIR: goldDir, ...environment }, 1800)
      if (result.status !== 0) throw new Error(`evaluate ${code} (${label}) failed:\n${result.stdout.slice(-3000)}${result.stderr}`)
      const report = Schema.decodeUnknownSync(EvaluationReport)(
        JSON.parse(readFileSync(join(root, "languages", code, "out/evaluate/scores.json"), "utf8"))
      )
      annotator = report.annotator
      for (const set of report.sets) sets.set(set.set, set)
      const fragment = JSON.parse(readFileSync(join(root, "languages", code, "out/evaluate/lock.json"), "utf8"))
      endpoints.add(fragment.inputs.llm.endpoint)
      requests += fragment.run.requests
      console.error(`${label}: evaluate ${code} ${((performance.now() - started) / 1000).toFixed(1)} s`)
    }
    return { annotator, sets, endpoints: [...endpoints].join(", "), requests }
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

const f1 = (score: Score | undefined) => (score === undefined ? "-" : seqscorePercent(100 * score.f1))
const pair = (before: Score | undefined, after: Score | undefined) =>
  before === undefined && after === undefined ? "-" : `${f1(before)} -> ${f1(after)}`
const share = (value: number) => `${seqscorePercent(100 * value)}%`
const coreTypes = ["PER", "LOC", "ORG", "DATE"]

const head = git(["rev-parse", "--short", "HEAD"])
const dirty = git(["status", "--porcelain", "--untracked-files=no"]) !== ""
const folder = clone(earlier)
const teacher = await startTeacher(folder)
try {
  const before = evaluateAll(`earlier ${earlier}`, {
    FINERWEB_LLM_BASE_URL: teacher.url,
    FINERWEB_LLM_MODEL: "finerweb-offline-teacher-1"
  })
  const after = evaluateAll(`now ${head}`, {})

  console.log(`$ npx node tools/bench/teacher-gold.ts ${process.argv.slice(2).join(" ")}`)
  console.log(`earlier: ${git(["log", "-1", "--format=%h %s"], folder)} (its teacher served at ${teacher.url})`)
  console.log(`now:     ${git(["log", "-1", "--format=%h %s"])}${dirty ? " (+ uncommitted changes)" : ""}`)
  for (const [name, side] of [["earlier", before], ["now", after]] as const) {
    console.log(`annotator ${name}: ${side.annotator} at ${side.endpoints}, ${side.requests} requests`)
  }
  console.log(`gold: ${goldDir}, ${goldLanguages.length} languages (${goldLanguages.join(" ")})`)
  console.log("F1 in %, SeqScore's rounding, earlier -> now; gold: mentions of the evaluated types; unmapped: share of predictions\n")

  const header = ["set", "sents", "gold", "typed F1", ...coreTypes, "span F1", "unmapped"]
  const rows: Array<Array<string>> = []
  const row = (
    name: string,
    sentences: number,
    counts: { before: ReturnType<typeof poolScores>; after: ReturnType<typeof poolScores> },
    unmapped: { before: number; after: number }
  ) =>
    rows.push([
      name,
      String(sentences),
      String(counts.after.overall.reference),
      pair(counts.before.overall, counts.after.overall),
      ...coreTypes.map((type) => pair(counts.before.types[type], counts.after.types[type])),
      pair(counts.before.span, counts.after.span),
      `${share(unmapped.before)} -> ${share(unmapped.after)}`
    ])

  const ids = [...after.sets.keys()].sort()
  for (const id of ids) {
    const [was, is] = [before.sets.get(id)!, after.sets.get(id)!]
    row(id, is.sentences, { before: poolScores([was]), after: poolScores([is]) }, { before: was.unmapped.share, after: is.unmapped.share })
  }
  const uner = ids.filter((id) => after.sets.get(id)!.family === "uner")
  const pooledShare = (sets: ReadonlyArray<EvaluatedSet>) => {
    const predicted = sets.reduce((total, set) => total + set.counts.predictedMentions, 0)
    return predicted === 0 ? 0 : sets.reduce((total, set) => total + set.unmapped.mentions, 0) / predicted
  }
  const unerBefore = uner.map((id) => before.sets.get(id)!)
  const unerAfter = uner.map((id) => after.sets.get(id)!)
  row(
    `POOLED UNER (${uner.length} sets)`,
    unerAfter.reduce((total, set) => total + set.sentences, 0),
    { before: poolScores(unerBefore), after: poolScores(unerAfter) },
    { before: pooledShare(unerBefore), after: pooledShare(unerAfter) }
  )

  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((cells) => cells[column].length)))
  const line = (cells: ReadonlyArray<string>) =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join("  ")
  console.log(line(header))
  for (const cells of rows) console.log(line(cells))
} finally {
  teacher.stop()
  rmSync(folder, { recursive: true, force: true })
}
