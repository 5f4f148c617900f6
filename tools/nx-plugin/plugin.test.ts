import { readdirSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { workspaceRoot } from "../testing/scratch-workspace.ts"
import { createNodesV2, stageTarget } from "./plugin.ts"

const [pattern, createNodes] = createNodesV2
const files = readdirSync(`${workspaceRoot}/languages`).map((code) => `languages/${code}/language.json`)

const infer = async () => {
  const results = await createNodes(files, undefined, { workspaceRoot, nxJsonConfiguration: {} } as never)
  return Object.assign({}, ...results.map(([, result]) => result.projects)) as Record<string, {
    name: string
    tags: Array<string>
    targets: Record<string, ReturnType<typeof stageTarget>>
  }>
}

describe("the finerweb Nx plugin", () => {
  it("matches every language.json", () => {
    expect(pattern).toBe("languages/*/language.json")
  })

  it("infers the 91 languages as projects with the six stages, tagged by their 25 scripts", async () => {
    const projects = await infer()
    expect(Object.keys(projects)).toHaveLength(91)
    const tha = projects["languages/tha_Thai"]
    expect(tha.name).toBe("tha_Thai")
    expect(tha.tags).toContain("script:Thai")
    expect(Object.keys(tha.targets)).toEqual(["sample", "score", "annotate", "judge", "translate", "export"])
    expect(tha.targets.annotate.command).toBe("node tools/cli/main.ts annotate {projectName}")
    const scripts = new Set(Object.values(projects).flatMap((p) => p.tags.filter((t) => t.startsWith("script:"))))
    expect(scripts.size).toBe(25)
  })

  it("chains each stage to the one before it and caches its own output folder", () => {
    expect(stageTarget("sample").dependsOn).toEqual([])
    expect(stageTarget("judge").dependsOn).toEqual(["annotate"])
    expect(stageTarget("export").outputs).toEqual(["{projectRoot}/out/export"])
    expect(stageTarget("export").cache).toBe(true)
  })

  it("gives each stage only its own prompt and configuration as inputs", () => {
    const files = (stage: Parameters<typeof stageTarget>[0]) =>
      (stageTarget(stage).inputs ?? []).filter((input): input is string => typeof input === "string")
    expect(files("annotate")).toContain("{workspaceRoot}/libs/config/prompts/annotate.md")
    expect(files("judge")).not.toContain("{workspaceRoot}/libs/config/prompts/annotate.md")
    expect(files("judge")).toContain("{workspaceRoot}/libs/config/prompts/judge.md")
    for (const stage of ["sample", "score"] as const) expect(files(stage).some((f) => f.includes("prompts/"))).toBe(false)
    expect(files("score")).toContain("{workspaceRoot}/libs/scoring/model/**")
    expect(files("sample")).toContain("{projectRoot}/language.json")
    expect(files("sample").some((f) => f.includes("libs/stages/src/annotate.ts"))).toBe(false)
  })

  it("names its external packages explicitly, and never the key's environment variable", () => {
    for (const stage of ["sample", "score", "annotate", "judge", "translate", "export"] as const) {
      const inputs = stageTarget(stage).inputs ?? []
      expect(inputs.some((input) => typeof input === "object" && "externalDependencies" in input)).toBe(true)
      expect(JSON.stringify(inputs)).not.toMatch(/API_KEY/)
    }
  })
})
