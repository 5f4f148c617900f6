import type { JudgedMention } from "#schema"
import { Result, Schema } from "effect"
import { validate } from "#bio"
import { annotate } from "./annotate.ts"
import { judge } from "./judge.ts"
import { rateUsefulness } from "./rate.ts"
import { maxDataPoints, synthesize, type TaggedSentence } from "./synthesize.ts"
import { translateLabels } from "./translate.ts"
import { formatTuples, parseTuples } from "./tuples.ts"
import { canonicalLang } from "./writing.ts"

/** What a user message asks for, recognised from its blocks, never from the wording around them. */
export type TeacherTask =
  | { readonly task: "annotate"; readonly lang: string; readonly passage: string }
  | {
    readonly task: "judge"
    readonly lang: string
    readonly passage: string
    readonly annotations: ReadonlyArray<typeof JudgedMention.Type>
  }
  | { readonly task: "rate"; readonly lang: string; readonly passage: string }
  | { readonly task: "translate"; readonly lang: string; readonly labels: ReadonlyArray<string> }
  | {
    readonly task: "synthesize"
    readonly lang: string
    readonly count: number
    readonly examples: ReadonlyArray<TaggedSentence>
  }

const passageBlock = /<passage lang="([^"\n]*)">\r?\n([\s\S]*?)\r?\n<\/passage>/g
const chunkBlock = /<chunk lang="([^"\n]*)">\r?\n([\s\S]*?)\r?\n<\/chunk>/g
const annotationsBlock = /<annotations>\r?\n([\s\S]*?)\r?\n<\/annotations>/g
const labelsBlock = /<labels lang="([^"\n]*)">\r?\n([\s\S]*?)\r?\n<\/labels>/g
const examplesBlock = /<examples lang="([^"\n]*)" count="([^"\n]*)">\r?\n([\s\S]*?)\r?\n<\/examples>/g

const shapes = "the finerweb offline teacher (a rule-based stand-in, not an LLM) only answers the finerweb " +
  "annotate prompt (a <passage lang=\"...\"> block), judge prompt (a <passage lang=\"...\"> block and an " +
  "<annotations> block), rate prompt (a <chunk lang=\"...\"> block), translate prompt (a <labels lang=\"...\"> " +
  "block with a JSON array of labels) and " +
  "synthesize prompt (an <examples lang=\"...\" count=\"N\"> block of JSON lines)"

const Labels = Schema.fromJsonString(Schema.Array(Schema.String))
const Example = Schema.fromJsonString(Schema.Struct({ tokens: Schema.Array(Schema.String), tags: Schema.Array(Schema.String) }))

const last = (pattern: RegExp, text: string) => [...text.matchAll(pattern)].at(-1)

const langOf = (raw: string, block: string): Result.Result<string, string> => {
  const lang = canonicalLang(raw)
  return lang === undefined
    ? Result.fail(`the ${block} block's lang "${raw}" is not a BCP 47 language tag`)
    : Result.succeed(lang)
}

/**
 * Recognises the task of a user message. A message with a passage block is a judge prompt when it also holds an
 * annotations block, else an annotate prompt; otherwise a message with a chunk block is a rate prompt; otherwise a
 * message with an examples block is a synthesize prompt; otherwise a message with a labels block is a translate
 * prompt. Where a block repeats (examples in the instructions), the last one is the one asked about.
 */
export const recognise = (message: string): Result.Result<TeacherTask, string> => {
  const passage = last(passageBlock, message)
  if (passage !== undefined) {
    return Result.flatMap(langOf(passage[1], "passage"), (lang): Result.Result<TeacherTask, string> => {
      const annotations = last(annotationsBlock, message)
      if (annotations === undefined) return Result.succeed({ task: "annotate", lang, passage: passage[2] })
      return Result.match(parseTuples(annotations[1]), {
        onFailure: (reason) => Result.fail(`the <annotations> block is not a list of (mention, label) tuples: ${reason}`),
        onSuccess: (pairs) => Result.succeed({ task: "judge", lang, passage: passage[2], annotations: pairs })
      })
    })
  }
  const chunk = last(chunkBlock, message)
  if (chunk !== undefined) {
    return Result.map(langOf(chunk[1], "chunk"), (lang): TeacherTask => ({ task: "rate", lang, passage: chunk[2] }))
  }
  const examples = last(examplesBlock, message)
  if (examples !== undefined) {
    return Result.flatMap(langOf(examples[1], "examples"), (lang): Result.Result<TeacherTask, string> =>
      Result.flatMap(countOf(examples[2]), (count) =>
        Result.map(readExamples(examples[3]), (read): TeacherTask => ({ task: "synthesize", lang, count, examples: read }))))
  }
  const labels = last(labelsBlock, message)
  if (labels !== undefined) {
    return Result.flatMap(langOf(labels[1], "labels"), (lang): Result.Result<TeacherTask, string> =>
      Result.match(Schema.decodeUnknownResult(Labels)(labels[2]), {
        onFailure: (error) => Result.fail(`the <labels> block is not a JSON array of strings: ${error.message}`),
        onSuccess: (list) => Result.succeed({ task: "translate", lang, labels: list })
      }))
  }
  return Result.fail(`${shapes}; the last user message holds none of these blocks`)
}

const countOf = (raw: string): Result.Result<number, string> => {
  const count = /^\d+$/.test(raw) ? Number(raw) : 0
  return count >= 1 && count <= maxDataPoints
    ? Result.succeed(count)
    : Result.fail(`the examples block's count "${raw}" is not a whole number from 1 to ${maxDataPoints}`)
}

/** One JSON object a line, tokens and tags alike long and the tags valid BIO: what the rule can rearrange. */
const readExamples = (block: string): Result.Result<ReadonlyArray<TaggedSentence>, string> => {
  const lines = block.split(/\r?\n/).filter((line) => line.trim() !== "")
  const examples: Array<TaggedSentence> = []
  for (const [index, line] of lines.entries()) {
    const decoded = Schema.decodeUnknownResult(Example)(line)
    const where = `the examples block's line ${index + 1}`
    if (Result.isFailure(decoded)) return Result.fail(`${where} is not a JSON object of tokens and tags: ${decoded.failure.message}`)
    const { tokens, tags } = decoded.success
    if (tokens.length !== tags.length) return Result.fail(`${where} has ${tokens.length} tokens but ${tags.length} tags`)
    const invalid = validate(tags, "BIO")[0]
    if (invalid !== undefined) {
      return Result.fail(`${where} is not valid BIO: tag ${invalid.index + 1} ('${invalid.to}') may not follow '${invalid.from}'`)
    }
    examples.push({ tokens, tags })
  }
  return examples.length === 0 ? Result.fail("the examples block holds no example") : Result.succeed(examples)
}

/**
 * The teacher's answer as one JSON object, for a request that asks for JSON (`response_format`): the annotate answer
 * as `{"entities": [{"mention", "type"}]}`, as JSON has no tuples; judge, rate and translate answer objects anyway.
 * A synthesize answer is JSON lines, which no one object holds.
 */
export const answerObject = (task: TeacherTask): Result.Result<Record<string, unknown>, string> => {
  switch (task.task) {
    case "annotate":
      return Result.succeed({ entities: annotate(task.passage, task.lang).map(({ mention, label }) => ({ mention, type: label })) })
    case "synthesize":
      return Result.fail("the synthesize answer is JSON lines, not one JSON object: ask for it without response_format")
    default:
      return Result.succeed(JSON.parse(answer(task)) as Record<string, unknown>)
  }
}

/** The teacher's answer to a recognised task, as the assistant message's content. */
export const answer = (task: TeacherTask): string => {
  switch (task.task) {
    case "annotate":
      return formatTuples(annotate(task.passage, task.lang))
    case "judge":
      return JSON.stringify(judge(task.passage, task.lang, task.annotations))
    case "rate":
      return JSON.stringify(rateUsefulness(task.passage, task.lang))
    case "translate":
      return JSON.stringify(translateLabels(task.labels, task.lang))
    case "synthesize":
      return synthesize(task.examples, task.count).map((point) => JSON.stringify(point)).join("\n")
  }
}
