/**
 * Writes the README's stage table from the stage table itself, and its table of gold sets from the gold registry,
 * each between its two markers:
 *
 *   npx node tools/docs/readme.ts
 */
import { readFileSync, writeFileSync } from "node:fs"
import { goldSets } from "#gold"
import { type StageFile, stageNames, type StageSpec, stageTable, upstreamStages } from "#stages"
import { installedRoot } from "#workspace"
import { type Section, withSection } from "./section.ts"

const section: Section = {
  begin: "<!-- stage table: written by `npx node tools/docs/readme.ts` from libs/stages/src/table.ts -->",
  end: "<!-- end of stage table -->"
}

const goldSection: Section = {
  begin: "<!-- gold sets: written by `npx node tools/docs/readme.ts` from libs/gold/sets.json -->",
  end: "<!-- end of gold sets -->"
}

const file = (name: string) => `\`${name.replaceAll("{code}", "<code>")}\``
const link = (path: string | null) => (path === null ? "-" : `[${path.split("/").slice(-2).join("/")}](${path})`)

/** Which languages have a stage that not all have. */
const only = (spec: StageSpec) => (spec.appliesTo === undefined ? "" : ` (only where ${spec.appliesTo.when})`)

/** The stage table as Markdown. */
export const stageTableMarkdown = (): string => {
  const rows = stageNames.map((stage) => {
    const spec: StageSpec = stageTable[stage]
    const reads = (spec.reads as ReadonlyArray<StageFile>).map((read) => file(`${read.stage}/${read.name}`)).join(", ")
    const writes = Object.values(spec.writes as Record<string, StageFile>).map((write) => file(write.name)).join(", ")
    return `| ${stage} | ${upstreamStages(stage).join(", ") || "-"} | ${reads || "-"} | ${writes} | ` +
      `${link(spec.config)} | ${link(spec.prompt)} | ${spec.does}${only(spec)} |`
  })
  return [
    "| stage | after | reads | writes (`languages/<code>/out/<stage>/`) | configuration | prompt | what it does |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...rows
  ].join("\n")
}

/**
 * The gold registry as Markdown: where to put each file in the gold folder and where it is published. The raw file's
 * address is derived from the registry's `owner/name:path@commit` source.
 */
export const goldSetsMarkdown = (): string => {
  const rows = Object.entries(goldSets).map(([set, entry]) => {
    const [, repository, path, commit] = /^([^:]+):(.+)@([0-9a-f]{40})$/.exec(entry.source) ?? []
    const raw = `https://raw.githubusercontent.com/${repository}/${commit}/${path}`
    return `| ${set} | ${entry.language ?? `control (${entry.bcp47 ?? "-"})`} | ${entry.licence} | \`${entry.path}\` | ` +
      `[page](${entry.published}), [file](${raw}) |`
  })
  return ["| gold set | language | licence | path in the gold folder | published |", "| --- | --- | --- | --- | --- |", ...rows]
    .join("\n")
}

/** The README with its generated sections replaced by the current ones. */
export const withStageTable = (readme: string): string =>
  withSection(withSection(readme, section, stageTableMarkdown()), goldSection, goldSetsMarkdown())

if (import.meta.main) {
  const path = `${installedRoot}/README.md`
  writeFileSync(path, withStageTable(readFileSync(path, "utf8")))
}
