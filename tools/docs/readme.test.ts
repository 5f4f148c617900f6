import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { installedRoot } from "#workspace"
import { stageTableMarkdown, withStageTable } from "./readme.ts"

describe("the README's stage table", () => {
  it("is the one the stage table gives (run `npx node tools/docs/readme.ts` after changing it)", () => {
    const readme = readFileSync(`${installedRoot}/README.md`, "utf8")
    expect(withStageTable(readme)).toBe(readme)
  })

  it("names each stage's upstream files, outputs, configuration and prompt", () => {
    const judge = stageTableMarkdown().split("\n").find((line) => line.startsWith("| judge |"))
    expect(judge).toBe(
      "| judge | annotate | `annotate/annotations.jsonl` | `judgements.jsonl`, `summary.json`, `manifest.json` | " +
        "[judge/config.json](libs/stages/src/judge/config.json) | [judge/prompt.md](libs/stages/src/judge/prompt.md) | " +
        "an LLM rates a seeded sample of annotated passages for faithfulness and completeness (1-5) and lists missing, " +
        "extra and wrong annotations |"
    )
  })
})
