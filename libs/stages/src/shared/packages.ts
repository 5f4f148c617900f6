import { readFileSync } from "node:fs"
import { workspaceRoot } from "#config"

/** Installed versions of the packages a stage's output depends on, for the lock. */
export const packageVersions = (names: ReadonlyArray<string>): Record<string, string> =>
  Object.fromEntries(names.map((name) => {
    const manifest = JSON.parse(readFileSync(`${workspaceRoot}/node_modules/${name}/package.json`, "utf8")) as { version: string }
    return [name, manifest.version]
  }))
