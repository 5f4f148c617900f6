import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { installedRoot } from "#workspace"
import { goldSetsMarkdown, stageTableMarkdown, withStageTable } from "./readme.ts"

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

  it("lists each gold set with its language, licence, place in the gold folder and where to download it", () => {
    const english = goldSetsMarkdown().split("\n").find((line) => line.startsWith("| uner-en_ewt |"))
    expect(english).toBe(
      "| uner-en_ewt | eng_Latn | CC-BY-SA-4.0 | `uner/UNER_English-EWT/en_ewt-ud-test.iob2` | " +
        "[page](https://github.com/UniversalNER/UNER_English-EWT/blob/8ed072de2fd24022cc62458997fe96a8fe191ea4/en_ewt-ud-test.iob2), " +
        "[file](https://raw.githubusercontent.com/UniversalNER/UNER_English-EWT/8ed072de2fd24022cc62458997fe96a8fe191ea4/en_ewt-ud-test.iob2) |"
    )
    expect(goldSetsMarkdown()).toContain("| masakhaner2-hau | control (ha) | CC-BY-NC-4.0 |")
  })
})
