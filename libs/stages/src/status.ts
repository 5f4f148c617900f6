import { Config, Effect, FileSystem, Schema } from "effect"
import { canonicalJson, digestFile, type FileDigest, readJson } from "#files"
import { fragmentName, LockFragment } from "#lock"
import { describeEndpoint, type LlmEndpoint } from "#llm"
import { type LoadedLanguage, Workspace } from "#workspace"
import { SecondAnnotatorConfig } from "./annotate-second/config.ts"
import { currentEndpoint, currentRequestMode } from "./llm/endpoint.ts"
import { tableInputs } from "./output.ts"
import { corpusSource } from "./sample/source.ts"
import { externalInputs, type StageName, stageNames, type StageSpec, stageTable, upstreamStages } from "./table.ts"

export type CellState = "fresh" | "stale" | "missing"

/** One language's stage: whether its outputs still follow from what it reads, and why not. */
export interface Cell {
  readonly language: string
  readonly stage: StageName
  readonly state: CellState
  readonly reasons: ReadonlyArray<string>
  /** Whether `datasets.lock` pins the stage's outputs (evaluate, a measurement, is not pinned). */
  readonly pinned: boolean
}

/** What `compareCell` needs to know of one cell, gathered from the workspace. */
export interface CellObservation {
  /** The stage's fragment, or `null` when its folder or `lock.json` is absent. */
  readonly fragment: { readonly inputs: Record<string, unknown>; readonly outputs: Record<string, FileDigest> } | null
  /**
   * The inputs the stage would record now, only those status can recompute; `reads` holds `null` for an upstream file
   * that is absent. A recorded input with no current value here is not compared.
   */
  readonly inputs: Record<string, unknown>
  /** The digest on disk of each output the fragment lists, `null` when the file is gone. */
  readonly outputs: Record<string, FileDigest | null>
  /** The state of each stage whose files it reads, in build order. */
  readonly upstream: ReadonlyArray<{ readonly stage: string; readonly state: CellState }>
}

/** The reason an input key gives when its value changed; any other key says `<key> changed`. */
const inputReasons: Record<string, string> = {
  language: "language changed",
  config: "config changed",
  sharedConfig: "shared config changed",
  prompt: "prompt changed",
  packages: "packages changed",
  code: "code changed",
  llm: "LLM endpoint changed",
  requestMode: "LLM request mode changed",
  model: "model changed",
  source: "corpus changed"
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b)

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/**
 * Compares a stage's fragment with the inputs it would read now and the outputs on disk. An upstream stage that is
 * missing is named once (`upstream missing: score`), not through each of its files; a stale one is named through the
 * files it changed (`upstream changed: annotate/annotations.jsonl`) or, where its files are still the ones read, as
 * `upstream stale: judge`.
 */
export const compareCell = (observation: CellObservation): { readonly state: CellState; readonly reasons: ReadonlyArray<string> } => {
  const { fragment, inputs, outputs, upstream } = observation
  if (fragment === null) return { state: "missing", reasons: [] }
  const reasons: Array<string> = []
  const recorded = fragment.inputs
  for (const [key, value] of Object.entries(inputs)) {
    if (key === "reads" || same(recorded[key], value)) continue
    if (key === "packages" && isRecord(value) && isRecord(recorded.packages)) {
      const before = recorded.packages
      const names = Object.keys(value).filter((name) => before[name] !== value[name]).toSorted()
      reasons.push(`packages changed: ${names.map((name) => `${name} ${before[name] ?? "(none)"} -> ${value[name]}`).join(", ")}`)
      continue
    }
    reasons.push(inputReasons[key] ?? `${key} changed`)
  }
  const missing = new Set(upstream.filter((cell) => cell.state === "missing").map((cell) => cell.stage))
  const readsNow = isRecord(inputs.reads) ? inputs.reads : {}
  const readsThen = isRecord(recorded.reads) ? recorded.reads : {}
  const changedStages = new Set<string>()
  for (const file of [...new Set([...Object.keys(readsThen), ...Object.keys(readsNow)])].toSorted()) {
    const stage = file.split("/")[0]
    if (missing.has(stage) || readsThen[file] === readsNow[file]) continue
    changedStages.add(stage)
    reasons.push(`upstream changed: ${file}`)
  }
  for (const { stage, state } of upstream) {
    if (state === "missing") reasons.push(`upstream missing: ${stage}`)
    else if (state === "stale" && !changedStages.has(stage)) reasons.push(`upstream stale: ${stage}`)
  }
  for (const name of Object.keys(fragment.outputs).toSorted()) {
    const now = outputs[name] ?? null
    if (now === null) reasons.push(`output missing: ${name}`)
    else if (!same(now, fragment.outputs[name])) reasons.push(`output changed: ${name}`)
  }
  return { state: reasons.length === 0 ? "fresh" : "stale", reasons }
}

/** The stages a language has, in build order: evaluate only where its `language.json` names a gold set. */
const stagesOf = (loaded: LoadedLanguage) =>
  stageNames.filter((stage) => {
    const spec: StageSpec = stageTable[stage]
    return spec.appliesTo === undefined || spec.appliesTo.test(loaded.language)
  })

/**
 * Every language's stages, fresh, stale (with reasons) or missing, computed from the fragments and the workspace
 * without running a stage. It recomputes the inputs the stage table names (language, configuration, prompt, upstream
 * files, package versions, the digest of the stage's code) and those it can see of a stage's own: the LLM endpoint
 * and model, the scorer model's digest, the corpus source. It cannot see a change of the gold data.
 */
export const workspaceStatus = Effect.fn("workspaceStatus")(function*() {
  const workspace = yield* Workspace
  const fs = yield* FileSystem.FileSystem
  const digests = new Map<string, FileDigest | null>()
  // Each file is digested once: a stage's outputs are its downstream stages' reads.
  const digest = (file: string) =>
    digests.has(file) ? Effect.succeed(digests.get(file) ?? null) : fs.exists(file).pipe(
      Effect.flatMap((exists) => (exists ? digestFile(file) : Effect.succeed(null))),
      Effect.tap((found) => Effect.sync(() => digests.set(file, found)))
    )
  const sha256Of = (file: string) => Effect.map(digest(file), (found) => found?.sha256 ?? null)

  const llm = yield* currentEndpoint()
  const mode = yield* currentRequestMode
  const scoreConfig = yield* workspace.readConfig(stageTable.score.config, Schema.Struct({ modelPath: Schema.String }))
  const model = { path: scoreConfig.modelPath, sha256: yield* sha256Of(workspace.resolve(scoreConfig.modelPath)) }
  const corpusDir = yield* Config.option(Config.String(externalInputs.corpus.corpusDir))
  const { annotator } = yield* workspace.readConfig(stageTable["annotate-second"].config, SecondAnnotatorConfig)
  const secondAnnotator = annotator === null
    ? {}
    : {
      llm: { model: annotator.model, endpoint: describeEndpoint(annotator.baseUrl), standIn: false } satisfies LlmEndpoint,
      requestMode: mode
    }
  /** What a stage's own program adds to its inputs, where status can compute it without running the stage. */
  const ownInputs = (stage: StageName, loaded: LoadedLanguage): Record<string, unknown> =>
    stage === "sample"
      ? { source: corpusSource(loaded.language.corpus.udhr, corpusDir) }
      : stage === "score"
      ? { model }
      : stage === "annotate-second"
      ? secondAnnotator
      : stageTable[stage].external.some((input) => input === "llm")
      ? { llm, requestMode: mode }
      : {}

  const languagesDir = workspace.resolve("languages")
  const codes = (yield* fs.readDirectory(languagesDir)).toSorted()
  // Languages are independent: their file reads overlap, which is most of the time status takes.
  const rows = yield* Effect.forEach(codes, (code) =>
    Effect.gen(function*() {
      if (!(yield* fs.exists(workspace.resolve(`languages/${code}/language.json`)))) return []
      const loaded = yield* workspace.loadLanguage(code)
      const states = new Map<string, CellState>()
      const cells: Array<Cell> = []
      for (const stage of stagesOf(loaded)) {
        const folder = workspace.resolve(workspace.stageDir(code, stage))
        const fragmentFile = `${folder}/${fragmentName}`
        const fragment = (yield* fs.exists(fragmentFile)) ? yield* readJson(fragmentFile, LockFragment) : null
        const outputs: Record<string, FileDigest | null> = {}
        for (const name of Object.keys(fragment?.outputs ?? {})) outputs[name] = yield* digest(`${folder}/${name}`)
        const { state, reasons } = compareCell({
          fragment,
          inputs: { ...(yield* tableInputs(stage, loaded, sha256Of)), ...ownInputs(stage, loaded) },
          outputs,
          upstream: upstreamStages(stage).map((other) => ({ stage: other, state: states.get(other) ?? "missing" }))
        })
        states.set(stage, state)
        cells.push({ language: code, stage, state, reasons, pinned: stageTable[stage].pinned })
      }
      return cells
    }), { concurrency: 16 })
  return rows.flat()
})

const symbols: Record<CellState, string> = { fresh: "ok", stale: "STALE", missing: "--" }

/**
 * A terminal grid, a row per language and a column per stage, with a legend, then one line per stale cell with its
 * reasons.
 */
export const renderStatus = (cells: ReadonlyArray<Cell>): string => {
  const languages = [...new Set(cells.map((cell) => cell.language))]
  const columns = stageNames.filter((stage) => cells.some((cell) => cell.stage === stage))
  const headers = columns.map((stage) => (stageTable[stage].pinned ? stage : `${stage}*`))
  const widths = headers.map((header) => Math.max(header.length, symbols.stale.length))
  const first = Math.max("language".length, ...languages.map((code) => code.length))
  const byKey = new Map(cells.map((cell) => [`${cell.language}/${cell.stage}`, cell]))
  const row = (label: string, values: ReadonlyArray<string>) =>
    [label.padEnd(first), ...values.map((value, i) => value.padEnd(widths[i]))].join("  ").trimEnd()
  const counts = (state: CellState) => cells.filter((cell) => cell.state === state).length
  const stale = cells.filter((cell) => cell.state === "stale")
  return [
    row("language", headers),
    ...languages.map((code) =>
      row(code, columns.map((stage) => {
        const cell = byKey.get(`${code}/${stage}`)
        return cell === undefined ? "" : symbols[cell.state]
      }))
    ),
    "",
    `ok fresh (${counts("fresh")})   STALE stale (${counts("stale")}, reasons below)   -- missing (${counts("missing")})   ` +
    "blank: the stage does not apply   *: not pinned by datasets.lock",
    "Code changes are not seen: a fragment records no code digest (Nx's cache still reruns a stage whose code changed).",
    ...(stale.length === 0 ? [] : ["", "stale:", ...stale.map((cell) => `  ${cell.language} ${cell.stage}: ${cell.reasons.join("; ")}`)])
  ].join("\n") + "\n"
}
