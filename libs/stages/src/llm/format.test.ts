import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import { ScoredPassage } from "#schema"
import { completion, startChatServer } from "#testing"
import { mentionListFormat, parseMentionList } from "../annotate/parse.ts"
import { judgementFormat, parseJudgementAnswer } from "../judge/parse.ts"
import { parseRatingAnswer, ratingFormat } from "../rate/parse.ts"
import { stageFiles } from "../table.ts"
import { labelTranslationsFormat, parseLabelTranslations } from "../translate/parse.ts"
import { llmSettingsFile } from "../table.ts"
import { readFragment, readOutput, runStageAt, stageFileAt, tinyWorkspace, useLlmServer, writeKeptPassages } from "../workspace.fixture.ts"

const mentionPair = { type: "object", properties: { mention: { type: "string" }, label: { type: "string" } }, required: ["mention", "label"], additionalProperties: false }

describe("each LLM stage's answer format", () => {
  it("annotate asks for an object holding the list, since strict schemas want an object and JSON has no tuples", () => {
    assert.deepStrictEqual(mentionListFormat, {
      name: "mention_list",
      schema: {
        type: "object",
        properties: {
          entities: {
            type: "array",
            items: { type: "object", properties: { mention: { type: "string" }, type: { type: "string" } }, required: ["mention", "type"], additionalProperties: false }
          }
        },
        required: ["entities"],
        additionalProperties: false
      }
    })
    const parsed = parseMentionList(`{"entities": [{"mention": "Kenia", "type": "Country"}, {"mention": "Angela Merkel", "type": "person"}]}`, { finishReason: "stop" })
    assert.deepStrictEqual(parsed, { mentions: [{ mention: "Kenia", label: "country" }, { mention: "Angela Merkel", label: "person" }], rejected: {} })
    assert.deepStrictEqual(parseMentionList(`{"entities": []}`, { finishReason: "stop" }), { mentions: [], rejected: {} })
  })

  it("judge asks for the judgement without its id, ratings as whole numbers on the 1-5 scale", () => {
    assert.deepStrictEqual(judgementFormat.schema, {
      type: "object",
      properties: {
        faithfulness: { type: "integer", minimum: 1, maximum: 5 },
        completeness: { type: "integer", minimum: 1, maximum: 5 },
        missing: { type: "array", items: mentionPair },
        extra: { type: "array", items: mentionPair },
        wrong: { type: "array", items: mentionPair }
      },
      required: ["faithfulness", "completeness", "missing", "extra", "wrong"],
      additionalProperties: false
    })
    const answer = { faithfulness: 4, completeness: 3, missing: [{ mention: "Oslo", label: "City" }], extra: [], wrong: [] }
    assert.deepStrictEqual(parseJudgementAnswer(JSON.stringify(answer)), {
      ok: true,
      value: { ...answer, missing: [{ mention: "Oslo", label: "city" }] }
    })
  })

  it("rate asks for the justification before the score, the score a whole number from 1 to 4", () => {
    assert.deepStrictEqual(ratingFormat.schema, {
      type: "object",
      properties: { justification: { type: "string" }, score: { type: "integer", minimum: 1, maximum: 4 } },
      required: ["justification", "score"],
      additionalProperties: false
    })
    assert.deepStrictEqual(parseRatingAnswer(`{"justification": "Clean, with people and places.", "score": 3}`), {
      ok: true,
      value: { justification: "Clean, with people and places.", score: 3 }
    })
  })

  it("translate asks for exactly the batch's labels, each a string", () => {
    assert.deepStrictEqual(labelTranslationsFormat(["city", "person"]).schema, {
      type: "object",
      properties: { city: { type: "string" }, person: { type: "string" } },
      required: ["city", "person"],
      additionalProperties: false
    })
    assert.deepStrictEqual(parseLabelTranslations(`{"city": "Stadt", "person": "Person"}`, ["city", "person"]), {
      answered: true,
      translations: { city: "Stadt", person: "person" },
      untranslated: ["person"]
    })
  })
})

const code = "deu_Latn"
const kenya = "Die Delegation aus Kenia traf Angela Merkel in Berlin."
const passages = [new ScoredPassage({ id: "kenya#0", document: "kenya", chunk: 0, text: kenya, words: 8, url: null, score: 0.9 })]

/** The LLM settings with `structuredOutput` and `tokenLimit` set. */
const withMode = (base: Record<string, (text: string) => string>, mode: Record<string, string>) => ({
  [llmSettingsFile]: (text: string) => JSON.stringify({ ...JSON.parse((base[llmSettingsFile] ?? ((t: string) => t))(text)), ...mode })
})

describe("annotate in json-schema mode", () => {
  it.live("sends the schema, reads the JSON answer, and records the mode in the lock", () =>
    Effect.gen(function*() {
      const server = yield* startChatServer(() => ({
        body: completion(`{"entities": [{"mention": "Kenia", "type": "country"}, {"mention": "Berlin", "type": "city"}]}`)
      }))
      const mode = { structuredOutput: "json-schema", tokenLimit: "max_completion_tokens" }
      const root = tinyWorkspace([code], withMode(useLlmServer(server.url), mode))
      writeKeptPassages(root, code, passages)
      yield* runStageAt(root, "annotate", code)

      const body = server.received[0].body
      assert.deepStrictEqual(body.response_format, { type: "json_schema", json_schema: { ...mentionListFormat, strict: true } })
      assert.strictEqual(body.max_completion_tokens, 2048)
      const [row] = readOutput(root, stageFiles.annotate.annotations, code) as Array<{ mentions: unknown }>
      assert.deepStrictEqual(row.mentions, [
        { start: 19, end: 24, label: "country", mention: "Kenia" },
        { start: 47, end: 53, label: "city", mention: "Berlin" }
      ])
      assert.deepStrictEqual(readFragment(root, "annotate", code).inputs.requestMode, mode)
    }))

  it.live("the offline teacher follows the schema: the same annotations as by prompt, the mode recorded apart", () =>
    Effect.gen(function*() {
      const prompted = tinyWorkspace([code])
      const structured = tinyWorkspace([code], withMode({}, { structuredOutput: "json-schema" }))
      for (const root of [prompted, structured]) {
        writeKeptPassages(root, code, passages)
        yield* runStageAt(root, "annotate", code)
      }
      const annotations = (root: string) => readFileSync(stageFileAt(root, stageFiles.annotate.annotations, code), "utf8")
      assert.include(annotations(structured), `"mention":"Kenia"`)
      assert.strictEqual(annotations(structured), annotations(prompted))
      assert.deepStrictEqual(readFragment(prompted, "annotate", code).inputs.requestMode, { structuredOutput: "prompt", tokenLimit: "max_tokens" })
      assert.deepStrictEqual(readFragment(structured, "annotate", code).inputs.requestMode, { structuredOutput: "json-schema", tokenLimit: "max_tokens" })
    }))
})

