import { existsSync, readdirSync, readFileSync } from "node:fs"
import { basename, dirname, join } from "node:path"
import type { CreateNodesV2, ProjectConfiguration, TargetConfiguration } from "nx/src/devkit-exports.js"
import { fragmentName } from "#lock"
import {
  lockedPackages,
  pinnedStages,
  type StageFile,
  stageCodeRoots,
  stageFolder,
  type StageName,
  stageNames,
  type StageSpec,
  stageRunner,
  stageTable,
  upstreamStages
} from "#stages"
import { closure, type CodeGraph, codeGraph, stagesSource, type Unit } from "#code"

/**
 * Infers the workspace's projects:
 * - one per `languages/<code>/language.json`, with one cached target per stage, all derived from the stage table:
 *   `dependsOn` the stages whose files it reads, and `inputs` naming exactly what it reads (its language, its
 *   configuration and prompt, the upstream files, the code it runs, the packages it imports);
 * - one per library or tool with a `tsconfig.json` (`libs/<name>`, `tools/<name>`), with `typecheck` and `test`;
 * - the workspace itself (`finerweb`, from `nx.json`), with `release`, which gathers every language's export, and
 *   `train-scorer`, which fits the passage scorer on every language's ratings.
 * Shared input sets are the named inputs of `nx.json`.
 */

/** The CLI, which the workspace targets run (the stage targets run the executor, `stageRunner`). */
const cli: Unit = "tools/cli"

/** The package Nx reads the stage executors from: a path from the workspace root, as Nx resolves it. */
export const executorPackage = `./${stageRunner}/nx`

const root = "{workspaceRoot}"
const projectName = (unit: Unit) => basename(unit)

/** An upstream file's outputs glob: `dependentTasksOutputFiles` matches workspace paths, not `{projectRoot}`. */
const upstreamGlob = (file: StageFile) => `**/out/${file.stage}/${file.name.replaceAll("{code}", "*")}`

/** Inputs for the code that runs from `roots`: units of the stages library as files, every other project whole. */
const codeInputs = (graph: CodeGraph, roots: ReadonlyArray<Unit>) => {
  const code = closure(graph, roots)
  const inStages = code.units.filter((unit) => unit.startsWith(`${stagesSource}/`))
  return {
    files: inStages.map((unit) => (unit.endsWith(".ts") ? `${root}/${unit}` : `${root}/${unit}/**`)),
    projects: code.units.filter((unit) => !inStages.includes(unit)).map(projectName),
    packages: code.packages
  }
}

/** Inputs for the code a stage runs: its folder of the stages library and the executor, and what they import. */
export const stageCode = (graph: CodeGraph, stage: StageName) => codeInputs(graph, stageCodeRoots(stage))

export const stageTarget = (workspaceRoot: string, graph: CodeGraph, stage: StageName): TargetConfiguration => {
  const code = stageCode(graph, stage)
  const spec: StageSpec = stageTable[stage]
  const config = spec.config === null ? null : join(workspaceRoot, spec.config)
  const configured = spec.configured !== undefined && config !== null && existsSync(config)
    ? spec.configured(JSON.parse(readFileSync(config, "utf8")))
    : []
  return {
    // An executor of its own per stage: Nx batches the tasks of one executor, so a batch holds one stage and each
    // stage's tasks are hashed, and looked up in the cache, once the stage before has run.
    executor: `${executorPackage}:${stage}`,
    options: { stage },
    cache: true,
    dependsOn: [...upstreamStages(stage)],
    inputs: [
      "language",
      ...spec.external,
      ...[spec.config, spec.sharedConfig ?? null, spec.prompt, ...configured]
        .flatMap((file) => (file === null ? [] : [`${root}/${file}`])),
      ...code.files,
      "!{workspaceRoot}/**/*.test.ts",
      "!{workspaceRoot}/**/*.fixture.ts",
      { input: "production", projects: code.projects },
      ...(spec.reads as ReadonlyArray<StageFile>).map((file) => ({ dependentTasksOutputFiles: upstreamGlob(file) })),
      { externalDependencies: [...new Set([...code.packages, ...lockedPackages(stage)])].sort() }
    ],
    outputs: [`{projectRoot}/out/${stage}`],
    metadata: { description: spec.does, technologies: ["finerweb"] }
  }
}

/** The stage targets, the same for every language (`{projectName}` and `{projectRoot}` fill in the rest). */
const stageTargets = (workspaceRoot: string, graph: CodeGraph): Record<string, TargetConfiguration> =>
  Object.fromEntries(stageNames.map((stage) => [stage, stageTarget(workspaceRoot, graph, stage)]))

const languageProject = (
  workspaceRoot: string,
  targets: Record<string, TargetConfiguration>,
  file: string
): ProjectConfiguration => {
  const projectRoot = dirname(file)
  const language = JSON.parse(readFileSync(join(workspaceRoot, file), "utf8")) as { script?: string; gold?: Array<unknown> }
  const name = basename(projectRoot)
  return {
    name,
    root: projectRoot,
    projectType: "library",
    tags: [`script:${language.script ?? name.split("_")[1]}`, "type:language"],
    // The code every target runs, so that `nx graph` shows libraries -> stages -> languages.
    implicitDependencies: ["stages", projectName(stageRunner)],
    // A copy per project, of the stages the language has: Nx fills in each project's tokens in what it is given.
    targets: structuredClone(Object.fromEntries(Object.entries(targets).filter(([stage]) => {
      const spec: StageSpec = stageTable[stage as StageName]
      return spec.appliesTo?.test(language) ?? true
    })))
  }
}

const hasTests = (folder: string) =>
  readdirSync(folder, { recursive: true, encoding: "utf8" }).some((name) => /\.test\.ts$/.test(name) && !name.includes("node_modules"))

const codeProject = (workspaceRoot: string, file: string): ProjectConfiguration => {
  const projectRoot = dirname(file)
  const typecheck: TargetConfiguration = {
    command: "tsc -p {projectRoot}/tsconfig.json",
    cache: true,
    inputs: ["default", "^production", "typescript"],
    metadata: { description: "type-check this project and what it imports", technologies: ["typescript"] }
  }
  const test: TargetConfiguration = {
    command: "vitest run --config tools/vitest.config.ts {projectRoot}/",
    cache: true,
    inputs: ["default", "^production", "vitest"],
    metadata: { description: "run this project's tests", technologies: ["vitest"] }
  }
  return {
    name: basename(projectRoot),
    root: projectRoot,
    projectType: "library",
    tags: [`type:${projectRoot.split("/")[0] === "libs" ? "lib" : "tool"}`],
    targets: hasTests(join(workspaceRoot, projectRoot)) ? { typecheck, test } : { typecheck }
  }
}

type Input = NonNullable<TargetConfiguration["inputs"]>[number]

/**
 * A target of the workspace project: it runs a CLI command after every language's `after` target and reads every
 * language.json, the `reads` of those targets, and the code of `code` (a library the CLI loads on demand, so that no
 * stage's code includes it).
 */
const workspaceTarget = (graph: CodeGraph, target: {
  readonly command: string
  readonly code: ReadonlyArray<Unit>
  readonly after: StageName
  readonly reads: ReadonlyArray<Input>
  readonly output: string
  readonly description: string
}): TargetConfiguration => {
  const code = codeInputs(graph, [...target.code, cli])
  // A project that holds the output (train-scorer writes into the scoring library) is hashed as files, which the
  // output's negation below filters: a whole project's `production` input would make the output its own input.
  const holders = code.projects.filter((name) => target.output.startsWith(`libs/${name}/`))
  return {
    command: `node tools/cli/main.ts ${target.command}`,
    cache: true,
    dependsOn: [{ target: target.after, projects: ["tag:type:language"] }],
    inputs: [
      `${root}/languages/*/language.json`,
      ...code.files,
      "!{workspaceRoot}/**/*.test.ts",
      "!{workspaceRoot}/**/*.fixture.ts",
      ...holders.map((name) => `${root}/libs/${name}/**`),
      `!${root}/${target.output}/**`,
      { input: "production", projects: code.projects.filter((name) => !holders.includes(name)) },
      ...target.reads,
      { externalDependencies: code.packages }
    ],
    outputs: [`${root}/${target.output}`],
    metadata: { description: target.description, technologies: ["finerweb"] }
  }
}

/**
 * The release target: gathers every language's export into `release/`. It reads the export outputs, the lock
 * fragments of the pinned stages (the card names the digest of the lock they fold into) and every language.json.
 */
export const releaseTarget = (graph: CodeGraph): TargetConfiguration =>
  workspaceTarget(graph, {
    command: "release",
    code: ["libs/release"],
    after: "export",
    reads: [
      { dependentTasksOutputFiles: "**/out/export/**" },
      // Fragments of stages before export are outputs of its dependencies' dependencies.
      ...pinnedStages.filter((stage) => stage !== "export")
        .map((stage) => ({ dependentTasksOutputFiles: `**/out/${stage}/${fragmentName}`, transitive: true }))
    ],
    output: "release",
    description: "gathers every language's export into release/: formats, card, statistics, SHA256SUMS"
  })

/**
 * The train-scorer target: fits the passage scorer on every language's ratings and the FLORES passages it rates
 * through the LLM client, and writes the score stage's default model, `libs/scoring/model/`. It reads the rate
 * outputs, every language.json, and what rating FLORES runs on: the rate stage's folder (its code, prompt and
 * configuration, which the trainer loads on demand) and the LLM settings; the FLORES folder lies outside the
 * workspace and is not hashed.
 */
export const trainScorerTarget = (graph: CodeGraph): TargetConfiguration =>
  workspaceTarget(graph, {
    command: "train-scorer",
    code: ["libs/training", stageFolder("rate")],
    after: "rate",
    reads: ["llm", { dependentTasksOutputFiles: "**/out/rate/*.json*" }],
    output: "libs/scoring/model",
    description: "fits the passage scorer on every language's ratings and FLORES and writes the default model " +
      "libs/scoring/model/: model, manifest, report, card"
  })

/** The workspace itself, inferred from `nx.json`: the targets that read every language. */
const workspaceProject = (graph: CodeGraph): ProjectConfiguration => ({
  name: workspaceProjectName,
  root: ".",
  projectType: "application",
  tags: ["type:workspace"],
  targets: { release: releaseTarget(graph), "train-scorer": trainScorerTarget(graph) }
})

/** Not `workspace`, which is the workspace library's project. */
export const workspaceProjectName = "finerweb"

export const createNodesV2: CreateNodesV2 = [
  "{nx.json,languages/*/language.json,libs/*/tsconfig.json,tools/*/tsconfig.json}",
  (files, _options, context) => {
    const graph = codeGraph(context.workspaceRoot)
    const targets = stageTargets(context.workspaceRoot, graph)
    return files.map((file) => {
      const project = file === "nx.json"
        ? workspaceProject(graph)
        : file.startsWith("languages/")
        ? languageProject(context.workspaceRoot, targets, file)
        : codeProject(context.workspaceRoot, file)
      return [file, { projects: { [project.root]: project } }] as const
    })
  }
]

export const createNodes = createNodesV2
