import { readdirSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { sha256 } from "#files"

/**
 * What the teacher's answers depend on: its rules (its own source files) and Node's ICU data. Callers keep its
 * cached answers under this digest, so that a changed rule is never answered from the cache of the old rules.
 */
export const teacherDigest = (): string => {
  const folder = fileURLToPath(new URL(".", import.meta.url))
  const sources = readdirSync(folder).filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts")).sort()
  return sha256(sources.map((name) => `${name}\n${readFileSync(`${folder}/${name}`, "utf8")}`).join("\n") + process.versions.icu)
    .slice(0, 16)
}
