import * as NodeServices from "@effect/platform-node/NodeServices"
import { ConfigProvider, Effect, Layer, Schema } from "effect"
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { onTestFinished } from "vitest"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { toJson, toJsonl } from "#files"
import { writeHeuristicScorer } from "#testing"
import { installedRoot, Workspace } from "#workspace"
import { runStage } from "./run.ts"
import {
  type FileContent,
  fileName,
  llmSettingsFile,
  type StageFile,
  stageFiles,
  type StageName,
  stageNames,
  type StageSpec,
  stageTable
} from "./table.ts"

/** Every configuration file and prompt the stage table names, and the LLM settings. */
const configurationFiles = [
  ...stageNames.flatMap((stage) => [stageTable[stage].config, stageTable[stage].prompt]),
  llmSettingsFile
].filter((file): file is string => file !== null)

/** The folders a configuration names (the scorer's model), as the table's `configured` globs give them. */
const configuredFolders = stageNames.flatMap((stage) => {
  const spec: StageSpec = stageTable[stage]
  if (spec.configured === undefined || spec.config === null) return []
  return spec.configured(JSON.parse(readFileSync(join(installedRoot, spec.config), "utf8"))).map((glob) => glob.replace(/\/\*\*$/, ""))
})

/** The folder of the score stage's model, as its configuration names it. */
const scorerFolder = dirname(JSON.parse(readFileSync(join(installedRoot, stageTable.score.config), "utf8")).modelPath)

/**
 * A workspace in a temporary folder for one test: the given languages' `language.json` and the configuration files
 * and prompts, copied from this workspace; `edit` may change any copied file's text on the way. The score stage's
 * model is the hand-weighted fixture (`writeHeuristicScorer`), whose scores a test can state, in place of the
 * trained default, which keeps almost no UDHR passage and changes with each retrain (`useDefaultScorer` puts it
 * back). It is removed when the test finishes.
 */
export const tinyWorkspace = (
  languages: ReadonlyArray<string>,
  edit: Readonly<Record<string, (text: string) => string>> = {}
): string => {
  const root = mkdtempSync(join(tmpdir(), "finerweb-stage-"))
  onTestFinished(() => rmSync(root, { recursive: true, force: true }))
  for (const file of [...configurationFiles, ...languages.map((code) => `languages/${code}/language.json`)]) {
    mkdirSync(dirname(join(root, file)), { recursive: true })
    cpSync(join(installedRoot, file), join(root, file))
    const change = edit[file]
    if (change !== undefined) writeFileSync(join(root, file), change(readFileSync(join(root, file), "utf8")))
  }
  for (const folder of configuredFolders) cpSync(join(installedRoot, folder), join(root, folder), { recursive: true })
  writeHeuristicScorer(join(root, scorerFolder))
  return root
}

/** Puts the committed default model back into a `tinyWorkspace`, for a test of the default itself. */
export const useDefaultScorer = (root: string) => {
  rmSync(join(root, scorerFolder), { recursive: true, force: true })
  cpSync(join(installedRoot, scorerFolder), join(root, scorerFolder), { recursive: true })
}

/**
 * Points the workspace's LLM settings at a server (a test's scripted one) instead of the offline teacher, without
 * retries: each request is answered once, a bad answer kept as the rejected one.
 */
export const useLlmServer = (url: string) => ({
  [llmSettingsFile]: (text: string) =>
    JSON.stringify({ ...JSON.parse(text), baseUrl: url, model: "served-model", retries: 0, answerRetries: 0 })
})

/** The path of a stage file of a language in the workspace at `root`. */
export const stageFileAt = (root: string, file: StageFile, code: string) =>
  join(root, "languages", code, "out", file.stage, fileName(file, code))

/** Writes a stage file as its stage would, encoded with the table's schema, so that a test can start mid-graph. */
export const writeStageFile = <F extends StageFile>(root: string, file: F, code: string, content: FileContent<F>) => {
  const path = stageFileAt(root, file, code)
  const encode = Schema.encodeSync(file.schema as Schema.Codec<unknown, unknown>)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(
    path,
    file.format === "jsonl" ? toJsonl((content as ReadonlyArray<unknown>).map((row) => encode(row))) : toJson(encode(content))
  )
}

/** The JSON documents of a JSONL output, or the one document of a JSON output, as plain values. */
export const readOutput = (root: string, file: StageFile, code: string): unknown => {
  const text = readFileSync(stageFileAt(root, file, code), "utf8")
  return file.format === "jsonl" ? text.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line)) : JSON.parse(text)
}

/** A stage's lock fragment, as written beside its outputs. */
export const readFragment = (root: string, stage: StageName, code: string) =>
  JSON.parse(readFileSync(join(root, "languages", code, "out", stage, "lock.json"), "utf8")) as {
    language: string
    stage: string
    inputs: Record<string, any>
    outputs: Record<string, { sha256: string; bytes: number; rows?: number }>
    run?: Record<string, unknown>
  }

/**
 * Runs one stage of one language in this process on the workspace at `root`, as the CLI would, with an environment
 * that holds only `environment` (never the test runner's own variables).
 */
export const runStageAt = (root: string, stage: StageName, code: string, environment: Record<string, string> = {}) =>
  runStage(stage, code).pipe(
    Effect.provide(Workspace.layer(root).pipe(Layer.provideMerge(NodeServices.layer))),
    Effect.provide(ConfigProvider.layer(ConfigProvider.fromEnvRecord(environment)))
  )

/** annotate-second's manifest with no second annotator configured, written by hand: no passages, nothing asked. */
export const noSecondAnnotatorManifest = {
  annotator: null,
  passages: 0,
  mentions: 0,
  labels: 0,
  rejected: {},
  llm: { requests: 0, promptTokens: 0, completionTokens: 0 }
}

/**
 * What annotate reads, written as its upstream stages would: score's kept passages, and annotate-second's output with
 * no second annotator configured.
 */
export const writeKeptPassages = (root: string, code: string, passages: FileContent<typeof stageFiles.score.passages>) => {
  writeStageFile(root, stageFiles.score.passages, code, passages)
  writeStageFile(root, stageFiles["annotate-second"].annotations, code, [])
  writeStageFile(root, stageFiles["annotate-second"].manifest, code, noSecondAnnotatorManifest)
}
