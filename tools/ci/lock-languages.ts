import { existsSync, readdirSync } from "node:fs"
import { join } from "node:path"
import { canonicalJson } from "#files"
import { fragmentName } from "#lock"

interface Lock {
  readonly languages: Record<string, unknown>
}

/** The languages whose entries differ between two versions of `datasets.lock` (added, removed or changed), sorted. */
export const changedLockLanguages = (before: Lock, after: Lock): Array<string> =>
  [...new Set([...Object.keys(before.languages), ...Object.keys(after.languages)])]
    .filter((code) => canonicalJson(before.languages[code] ?? null) !== canonicalJson(after.languages[code] ?? null))
    .sort()

/** The languages of the workspace with a lock fragment of at least one of `stages` on disk: those built here, sorted. */
export const builtLanguages = (root: string, stages: ReadonlyArray<string>): Array<string> => {
  const languages = join(root, "languages")
  return readdirSync(languages).filter((code) =>
    stages.some((stage) => existsSync(join(languages, code, "out", stage, fragmentName)))
  ).sort()
}

/** The language a line of `lock check` is about: each line starts with the file it names, `languages/<code>/...`. */
export const lineLanguage = (line: string): string | undefined => /^languages\/([^/]+)\//.exec(line)?.[1]
