import { createHash } from "node:crypto"
import { existsSync, readdirSync } from "node:fs"
import { join } from "node:path"

const digest = (project: string) => createHash("sha256").update(project).digest("hex")

/**
 * The projects of shard `index` of `count` (1-based, as in `1/2`), in the order given: the projects ranked by the
 * sha256 of their names and dealt out in turn, so that shard sizes differ by one at most (91 languages split 46 and
 * 45, where the hash modulo 2 splits them 38 and 53). The split depends on the names alone, so every machine computes
 * it without talking to the others; a new language may move others to another shard, which costs nothing where the
 * cache is shared, since the shard that built them stored them.
 */
export const shard = (projects: ReadonlyArray<string>, index: number, count: number): Array<string> => {
  const digests = new Map(projects.map((project) => [project, digest(project)]))
  // Code unit order, not the locale's: every machine ranks alike.
  const ranked = [...projects].sort((a, b) => (digests.get(a)! < digests.get(b)! ? -1 : 1))
  const chosen = new Set(ranked.filter((_, rank) => rank % count === index - 1))
  return projects.filter((project) => chosen.has(project))
}

/** Reads `index/count` as a shard: two positive integers, the first at most the second. */
export const parseShard = (text: string): { readonly index: number; readonly count: number } => {
  const match = /^([1-9][0-9]*)\/([1-9][0-9]*)$/.exec(text)
  const [index, count] = [Number(match?.[1]), Number(match?.[2])]
  if (match === null || index > count) throw new Error(`a shard is written index/count, 1 <= index <= count: ${text}`)
  return { index, count }
}

/** The language projects of a workspace: the folders of `languages/` that hold a `language.json`, sorted. */
export const languageProjects = (root: string): Array<string> =>
  readdirSync(join(root, "languages")).filter((code) => existsSync(join(root, "languages", code, "language.json"))).sort()
