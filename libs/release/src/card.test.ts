import { describe, expect, it } from "vitest"
import { type CardInput, datasetCard, sizeCategory } from "./card.ts"

const input: CardInput = {
  languages: [
    {
      code: "afr_Latn",
      iso639_3: "afr",
      bcp47: "af",
      name: "Afrikaans",
      script: "Latn",
      source: "embedded:udhr/afr",
      passages: 3,
      sentences: 700,
      spans: 1200,
      judge: { judged: 3, meanFaithfulness: 4, meanCompleteness: 3 }
    },
    {
      code: "cmn_Hani",
      iso639_3: "cmn",
      bcp47: "zh-Hans",
      name: "Chinese",
      script: "Hani",
      source: "folder:/data/fineweb-2",
      passages: 2,
      sentences: 400,
      spans: 10,
      judge: { judged: 1, meanFaithfulness: 5, meanCompleteness: null }
    }
  ],
  models: [
    { role: "annotator", model: "finerweb-offline-teacher-1", endpoint: "offline-teacher", standIn: true, languages: 2 },
    { role: "judge", model: "qwen", endpoint: "http://gpu:8000/v1", standIn: false, languages: 2 }
  ],
  scorers: [{ path: "libs/scoring/model/scorer.onnx", sha256: "5".repeat(64) }],
  parameters: [{ stage: "sample", config: { seed: "finerweb-1" } }],
  lockSha256: "a".repeat(64)
}

const card = datasetCard(input)
const lines = card.split("\n")

describe("datasetCard", () => {
  it("opens with YAML front matter naming one config per ISO 639-3 code, the features, licence, languages and size", () => {
    const end = lines.indexOf("---", 1)
    expect(lines[0]).toBe("---")
    const features = (config: string, sentences: number) => [
      `- config_name: ${config}`,
      "  features:",
      "  - name: id",
      "    dtype: string",
      "  - name: text",
      "    dtype: string",
      "  - name: char_spans",
      "    list:",
      "    - name: start",
      "      dtype: int32",
      "    - name: end",
      "      dtype: int32",
      "    - name: label",
      "      dtype: string",
      "  splits:",
      "  - name: train",
      `    num_examples: ${sentences}`
    ]
    expect(lines.slice(1, end)).toEqual([
      "pretty_name: FiNERweb (finerweb build)",
      "license: odc-by",
      "language:",
      "- af",
      "- zh",
      "task_categories:",
      "- token-classification",
      "task_ids:",
      "- named-entity-recognition",
      "size_categories:",
      // 700 + 400 sentences
      "- 1K<n<10K",
      "configs:",
      "- config_name: afr",
      "  data_files:",
      "  - split: train",
      "    path: data/afr/train-00000-of-00001.parquet",
      "- config_name: cmn",
      "  data_files:",
      "  - split: train",
      "    path: data/cmn/train-00000-of-00001.parquet",
      "dataset_info:",
      ...features("afr", 700),
      ...features("cmn", 400)
    ])
  })

  it("says prominently, before anything else, that a stand-in annotated", () => {
    const warning = lines.findIndex((line) => line.startsWith("> **Warning: the annotator of this build was a stand-in, NOT an LLM.**"))
    expect(warning).toBeGreaterThan(0)
    expect(warning).toBeLessThan(lines.indexOf("## Licence"))
    expect(card).toContain("| annotator | `finerweb-offline-teacher-1` | offline-teacher | **yes: rule-based offline teacher, not an LLM** | 2 |")
    expect(card).toContain("| judge | `qwen` | http://gpu:8000/v1 | no | 2 |")
    const served = datasetCard({ ...input, models: input.models.filter((model) => !model.standIn) })
    expect(served).not.toContain("Warning")
  })

  it("gives per-language counts, judge means pooled by judged passages, the sources, scorer and lock digests", () => {
    expect(card).toContain("| afr | Afrikaans (afr_Latn) | Latn | 3 | 700 | 1200 | 3 | 4.00 | 3.00 |")
    expect(card).toContain("| cmn | Chinese (cmn_Hani) | Hani | 2 | 400 | 10 | 1 | 5.00 | – |")
    // Faithfulness (4 * 3 + 5 * 1) / 4 = 4.25; completeness only afr's 3.
    expect(card).toContain("| **all** |  |  | 5 | 1100 | 1210 | 4 | 4.25 | 3.00 |")
    expect(card).toContain("1100 sentences with 1210 entity spans")
    expect(card).toMatch(/- the embedded stand-in corpus: the Universal Declaration of Human Rights .*: afr_Latn$/m)
    expect(card).toContain("- the corpus folder `/data/fineweb-2` (FineWeb-2 when it holds `data/<config>/train/`): cmn_Hani")
    expect(card).toContain(`Scorer model \`libs/scoring/model/scorer.onnx\`, sha256 \`${"5".repeat(64)}\`.`)
    expect(card).toContain(`\`datasets.lock\` sha256 \`${"a".repeat(64)}\``)
    expect(card).toContain("sample:\n\n```json\n{\n  \"seed\": \"finerweb-1\"\n}\n```")
    expect(datasetCard(input)).toBe(card)
  })
})

describe("sizeCategory", () => {
  it("puts counts in the Hub's buckets", () => {
    expect(sizeCategory(0)).toBe("n<1K")
    expect(sizeCategory(999)).toBe("n<1K")
    expect(sizeCategory(1_000)).toBe("1K<n<10K")
    expect(sizeCategory(99_999)).toBe("10K<n<100K")
    expect(sizeCategory(2_500_000)).toBe("1M<n<10M")
    expect(sizeCategory(10 ** 13)).toBe("n>1T")
  })
})
