import { readdirSync, readFileSync } from "node:fs"
import { dirname, join, normalize } from "node:path"
import { describe, expect, it } from "vitest"
import { run } from "#testing"
import { installedRoot } from "#workspace"
import { closure, codeGraph, staticImports, stagesSource, unitOf } from "./graph.ts"

describe("staticImports", () => {
  it("reads import and export declarations over several lines, type-only ones too, and not import()", () => {
    const source = [
      `import { a,`,
      `  b as c } from "#schema"`,
      `import type { T } from './types.ts'`,
      `import * as ort from "onnxruntime-node"`,
      `import OpenAI from "openai"`,
      `import "./side-effect.ts"`,
      `export { d } from "../d.ts"`,
      `export * from "@effect/platform-node/NodeServices"`,
      `const lazy = () => import("./lazy.ts")`,
      `// import { nothing } from "#comment" is not at a line start`
    ].join("\n")
    expect(staticImports(source)).toEqual([
      "#schema",
      "./types.ts",
      "onnxruntime-node",
      "openai",
      "./side-effect.ts",
      "../d.ts",
      "@effect/platform-node/NodeServices"
    ])
  })
})

describe("unitOf", () => {
  it("is a project outside the stages library, and a folder or root file inside it", () => {
    expect(unitOf("libs/corpus/src/chunk.ts")).toBe("libs/corpus")
    expect(unitOf("tools/cli/main.ts")).toBe("tools/cli")
    expect(unitOf("libs/stages/src/judge/parse.ts")).toBe("libs/stages/src/judge")
    expect(unitOf("libs/stages/src/table.ts")).toBe("libs/stages/src/table.ts")
  })
})

/** Nx's own project graph of this workspace, computed afresh by the nx CLI. */
const nxGraph = (): Record<string, Array<{ target: string; type: string }>> => {
  const file = join(installedRoot, "node_modules/.cache/finerweb-graph.json")
  // Nx keeps each file's imports between runs and does not look again when a library becomes a project.
  const result = run(installedRoot, "nx", ["graph", `--file=${file}`], { NX_CACHE_PROJECT_GRAPH: "false" })
  expect(result.status, result.stderr).toBe(0)
  return JSON.parse(readFileSync(file, "utf8")).graph.dependencies
}

describe("the code graph the plugin reads", () => {
  it("agrees with Nx's TypeScript analysis on which project imports which", () => {
    const graph = codeGraph(installedRoot)
    const nx = nxGraph()
    const projectOf = (unit: string) => unitOf(unit.startsWith(stagesSource) ? "libs/stages" : unit).split("/")[1]
    for (const [project, dependencies] of Object.entries(nx)) {
      if (/_/.test(project)) continue
      const folder = ["libs", "tools"].map((top) => `${top}/${project}`).find((candidate) => {
        try {
          readFileSync(join(installedRoot, candidate, "tsconfig.json"))
          return true
        } catch {
          return false
        }
      })
      if (folder === undefined) continue
      const units = folder === "libs/stages"
        ? [...new Set(closure(graph, ["libs/stages/src/index.ts"]).units.concat(["libs/stages/src/run.ts"]))]
        : [folder]
      const ours = new Set(units.flatMap((unit) => [...graph.imports(unit).units]).map(projectOf))
      ours.delete(project)
      const theirs = new Set(dependencies.filter((dependency) => !dependency.target.startsWith("npm:")).map((dependency) => dependency.target))
      // Nx also counts imports of tests and fixtures, which are no stage's code.
      for (const dependency of ours) expect(theirs, `${project} -> ${dependency}`).toContain(dependency)
    }
  })

  it("relies on a convention every file keeps: other projects are imported through #lib, never by a relative path", () => {
    const sources = ["libs", "tools"].flatMap((top) =>
      readdirSync(join(installedRoot, top), { recursive: true, encoding: "utf8" })
        .filter((name) => name.endsWith(".ts") && !name.includes("node_modules"))
        .map((name) => `${top}/${name}`)
    )
    const projectOf = (file: string) => file.split("/").slice(0, 2).join("/")
    expect(sources.length).toBeGreaterThan(100)
    for (const file of sources) {
      for (const specifier of staticImports(readFileSync(join(installedRoot, file), "utf8"))) {
        if (!specifier.startsWith(".")) continue
        expect(projectOf(normalize(join(dirname(file), specifier))), `${file} imports ${specifier}`).toBe(projectOf(file))
      }
    }
  })
})
