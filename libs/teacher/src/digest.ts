import { readdirSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { sha256 } from "#files"

/**
 * The folders whose code decides the teacher's answers: its own rules, the text module whose words, sentences and
 * offsets they use, and the sequence-label module whose BIO reading the synthesize rule uses (the other libraries it
 * imports give types and digests, not answers).
 */
const ruleFolders = [new URL(".", import.meta.url), ...["#text", "#bio"].map((name) => new URL(".", import.meta.resolve(name)))]
  .map((url) => fileURLToPath(url))

const sources = (folder: string) =>
  readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"))
    .sort()
    .map((name) => `${name}\n${readFileSync(`${folder}/${name}`, "utf8")}`)

/**
 * What the teacher's answers depend on: its rules (the code of `ruleFolders`) and Node's ICU data. Callers keep its
 * cached answers under this digest, so that a changed rule is never answered from the cache of the old rules.
 */
export const teacherDigest = (): string =>
  sha256(ruleFolders.flatMap(sources).join("\n") + process.versions.icu).slice(0, 16)
