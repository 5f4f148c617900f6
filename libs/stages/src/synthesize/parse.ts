import { Result, Schema } from "effect"
import { collapseLoops, continuesPrompt, findListItems, type ListItem, stripReasoning, toPlain } from "#annotation"
import { validate } from "#bio"

/** One sentence of synthetic data: its tokens and their BIO tags, as the prompt's examples show them. */
export interface DataPoint {
  readonly tokens: ReadonlyArray<string>
  readonly tags: ReadonlyArray<string>
}

/**
 * Why an answer, or a data point in it, was not used. Answer-level: `empty`, `prompt-continuation`, `truncated`
 * (counted once, the complete points before the cut kept), `run-on` (once per loop); the others per data point.
 */
export const synthesisRejections = [
  "empty",
  "truncated",
  "run-on",
  "prompt-continuation",
  "copied-example",
  "malformed",
  "count-mismatch",
  "label-outside-set",
  "invalid-transition"
] as const
export type SynthesisRejection = typeof synthesisRejections[number]
export type SynthesisRejections = Partial<Record<SynthesisRejection, number>>

export interface DataPointOptions {
  /** The LLM's finish reason; "length" means the answer was cut at the token limit. */
  readonly finishReason: string | null
  /** The prompt the answer replies to, to recognise an echo of its instructions. */
  readonly prompt: string
  /** The examples the prompt showed: a data point equal to one of them is a copy, not new data. */
  readonly examples: ReadonlyArray<DataPoint>
  /** The entity types of the set: a tag is O, or B- or I- of one of them. */
  readonly types: ReadonlyArray<string>
}

export interface ParsedDataPoints {
  readonly points: ReadonlyArray<DataPoint>
  readonly rejected: SynthesisRejections
}

const PlainDataPoint = Schema.Struct({ tokens: Schema.Array(Schema.String), tags: Schema.Array(Schema.String) })

/** The examples block: its lines are the examples, whose echo is a copied example, not an echo of instructions. */
const examplesBlock = /<examples\b[^>\n]*>[\s\S]*?<\/examples>/gu
const examplesTag = /<\/?examples\b/iu
/** A token is one CoNLL column: white space inside it would split it. */
const blankOrSpaced = /^$|\s/u

/**
 * Reads a model's synthetic data points: `{"tokens": [...], "tags": [...]}` objects one a line, or a JSON list of
 * them, fenced or among chatter. Whatever is not used is counted by reason; of each data point only the first
 * reason that applies, in the order malformed (not an object with non-empty arrays of strings, or a token empty or
 * holding white space), count-mismatch, label-outside-set, invalid-transition (`#bio`'s BIO validation),
 * copied-example.
 */
export const parseDataPoints = (answer: string, options: DataPointOptions): ParsedDataPoints => {
  const cutAtLimit = options.finishReason === "length"
  const reply = stripReasoning(answer)
  if (reply.trim() === "") return rejectedAnswer(cutAtLimit ? "truncated" : "empty")
  if (examplesTag.test(reply) || continuesPrompt(reply, options.prompt.replace(examplesBlock, ""))) {
    return rejectedAnswer("prompt-continuation")
  }
  const list = findListItems(reply)
  if (list === null) return rejectedAnswer(cutAtLimit ? "truncated" : "malformed")
  if (list.items.length === 0 && !list.cut) return rejectedAnswer(cutAtLimit ? "truncated" : "empty")

  const { kept, loops } = collapseLoops(list.items, keyOf, () => false)
  const rejected: SynthesisRejections = {}
  add(rejected, "run-on", loops)
  if (cutAtLimit || list.cut) add(rejected, "truncated")
  const examples = new Set(options.examples.map(keyOfPoint))
  const labels = new Set(["O", ...options.types.flatMap((type) => [`B-${type}`, `I-${type}`])])
  const points: Array<DataPoint> = []
  for (const item of kept) {
    const checked = check(item, labels, examples)
    if (Result.isSuccess(checked)) points.push(checked.success)
    else add(rejected, checked.failure)
  }
  return { points, rejected }
}

const check = (
  item: ListItem,
  labels: ReadonlySet<string>,
  examples: ReadonlySet<string>
): Result.Result<DataPoint, SynthesisRejection> => {
  const decoded = item.literal === null ? undefined : Schema.decodeUnknownResult(PlainDataPoint)(toPlain(item.literal))
  if (decoded === undefined || Result.isFailure(decoded)) return Result.fail("malformed")
  const point = decoded.success
  if (point.tokens.length === 0 || point.tokens.some((token) => blankOrSpaced.test(token))) return Result.fail("malformed")
  if (point.tokens.length !== point.tags.length) return Result.fail("count-mismatch")
  if (point.tags.some((tag) => !labels.has(tag))) return Result.fail("label-outside-set")
  if (validate(point.tags, "BIO").length > 0) return Result.fail("invalid-transition")
  if (examples.has(keyOfPoint(point))) return Result.fail("copied-example")
  return Result.succeed({ tokens: point.tokens, tags: point.tags })
}

const keyOfPoint = (point: DataPoint): string => JSON.stringify([point.tokens, point.tags])

/** Items compare by value, so that a loop is found however its copies are spaced. */
const keyOf = (item: ListItem): string =>
  item.literal === null ? `malformed\u0000${item.source}` : JSON.stringify(toPlain(item.literal))

const add = (tally: SynthesisRejections, reason: SynthesisRejection, count = 1): void => {
  if (count > 0) tally[reason] = (tally[reason] ?? 0) + count
}

const rejectedAnswer = (reason: SynthesisRejection): ParsedDataPoints => ({ points: [], rejected: { [reason]: 1 } })

/** Sums the tallies of several answers, reasons in their declared order. */
export const sumRejections = (tallies: ReadonlyArray<SynthesisRejections>): SynthesisRejections => {
  const total: SynthesisRejections = {}
  for (const reason of synthesisRejections) {
    for (const tally of tallies) add(total, reason, tally[reason] ?? 0)
  }
  return total
}
