import { existsSync, readdirSync, readFileSync } from "node:fs"
import { dirname, join, normalize } from "node:path"

/**
 * The code a stage runs, found from its static imports. Nx's own TypeScript analysis gives the project graph (which
 * `nx graph` and `nx affected` use), but a plugin infers targets before that graph exists, and an input naming other
 * projects (`{input, projects}`) takes their files without their dependencies. So the plugin follows the same imports
 * here, at the grain a stage's inputs need: a whole project for a library, one folder or file inside `libs/stages`,
 * where six stages share one project. `graph.test.ts` holds this reading to Nx's graph.
 *
 * Only static imports are followed: `import()` is where the CLI loads one stage's code on demand, and following it
 * would make every stage's code an input of every other.
 */

/** Where code lives: a project's root (`libs/corpus`), or a folder or file of the stages library. */
export type Unit = string

export const stagesSource = "libs/stages/src"

const isSource = (name: string) => name.endsWith(".ts") && !name.endsWith(".d.ts")
/** Tests and their fixtures are no stage's code. */
export const isTestFile = (name: string) => /\.(test|fixture)\.ts$/.test(name)

const staticImport = /^\s*(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?["']([^"']+)["']/gm

/** The specifiers of a source's static `import` and `export … from` declarations. */
export const staticImports = (source: string): ReadonlyArray<string> => [...source.matchAll(staticImport)].map((match) => match[1])

/** The npm package of a bare specifier (`effect/cli` -> `effect`, `@effect/platform-node/NodeRuntime` -> `@effect/platform-node`). */
const packageOf = (specifier: string) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/")

/** The unit a workspace-relative file belongs to. */
export const unitOf = (file: string): Unit => {
  if (file.startsWith(`${stagesSource}/`)) {
    const [first, ...rest] = file.slice(stagesSource.length + 1).split("/")
    return rest.length === 0 ? file : `${stagesSource}/${first}`
  }
  return file.split("/").slice(0, 2).join("/")
}

export interface CodeGraph {
  /** What a unit's files import: other units and npm packages. */
  readonly imports: (unit: Unit) => { readonly units: ReadonlySet<Unit>; readonly packages: ReadonlySet<string> }
  /** A unit's TypeScript sources, tests and fixtures left out, as workspace-relative paths. */
  readonly sources: (unit: Unit) => ReadonlyArray<string>
}

/** Reads the import graph of the workspace at `root` lazily, each unit once. */
export const codeGraph = (root: string): CodeGraph => {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { imports?: Record<string, string> }
  const aliases = manifest.imports ?? {}
  const cache = new Map<Unit, { units: Set<Unit>; packages: Set<string> }>()

  const sourcesOf = (unit: Unit): ReadonlyArray<string> => {
    const absolute = join(root, unit)
    if (!existsSync(absolute)) return []
    if (isSource(unit)) return [unit]
    return readdirSync(absolute, { recursive: true, encoding: "utf8" })
      .filter((name) => isSource(name) && !isTestFile(name) && !name.split("/").includes("node_modules"))
      .map((name) => `${unit}/${name}`)
  }

  const imports = (unit: Unit) => {
    const known = cache.get(unit)
    if (known !== undefined) return known
    const found = { units: new Set<Unit>(), packages: new Set<string>() }
    cache.set(unit, found)
    for (const file of sourcesOf(unit)) {
      for (const specifier of staticImports(readFileSync(join(root, file), "utf8"))) {
        if (specifier.startsWith("node:")) continue
        const target = specifier.startsWith("#")
          ? aliases[specifier]?.replace(/^\.\//, "")
          : specifier.startsWith(".")
          ? normalize(join(dirname(file), specifier))
          : undefined
        if (target === undefined) {
          if (!specifier.startsWith("#")) found.packages.add(packageOf(specifier))
          continue
        }
        const other = unitOf(target)
        if (other !== unit) found.units.add(other)
      }
    }
    return found
  }
  return { imports, sources: sourcesOf }
}

/** Every unit reachable from `roots` (the roots included) and the npm packages they import. */
export const closure = (graph: CodeGraph, roots: ReadonlyArray<Unit>) => {
  const units = new Set<Unit>()
  const packages = new Set<string>()
  const pending = [...roots]
  while (pending.length > 0) {
    const unit = pending.pop() as Unit
    if (units.has(unit)) continue
    units.add(unit)
    const next = graph.imports(unit)
    for (const name of next.packages) packages.add(name)
    pending.push(...next.units)
  }
  return { units: [...units].sort(), packages: [...packages].sort() }
}
