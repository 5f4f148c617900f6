import {
  addRejection,
  collapseLoops,
  continuesPrompt,
  findListItems,
  type ListedMention,
  type ListItem,
  type Literal,
  normalizeLabel,
  type Rejections,
  stripReasoning
} from "#annotation"
import { Schema } from "effect"
import type { RejectionReason } from "#schema"
import { answerFormat } from "../llm/format.ts"

export type ParsedMentionList = { readonly mentions: ReadonlyArray<ListedMention>; readonly rejected: Rejections }

export type MentionListOptions = {
  /** The LLM's finish reason; "length" means the answer was cut at the token limit. */
  readonly finishReason: string | null
  /** The prompt the answer replies to, to recognise an echo of it. */
  readonly prompt?: string
}

/** Object keys naming the mention and its label, compared lower-cased. */
const mentionKeys = ["mention", "entity", "text"]
const labelKeys = ["type", "label", "entity_type"]

/**
 * The answer structured output asks for, `{"entities": [{"mention": ..., "type": ...}]}`: JSON has no tuples, and
 * strict schemas want an object at the top. `parseMentionList` reads its list like any other.
 */
export const MentionListAnswer = Schema.Struct({
  entities: Schema.Array(Schema.Struct({ mention: Schema.String, type: Schema.String }))
})

/** The `response_format` of an annotate request. */
export const mentionListFormat = answerFormat("mention_list", MentionListAnswer)

/**
 * Reads an annotator's answer, a list of `("mention", "type")` tuples, written as Python tuples, JSON pairs or JSON
 * objects, fenced or among chatter, or one tuple per line; or the list of `MentionListAnswer`'s object (the first
 * list of an answer is the one read). Every answer or item not used is counted:
 * - empty: a blank answer (`[]` is a valid empty list);
 * - prompt-continuation: the answer echoes or continues the prompt; nothing of it is used;
 * - truncated: cut at the token limit or ending inside the list; counted once, the complete items before it kept;
 * - repetition: a run-on loop of items (see `collapseLoops`); counted once per loop, one copy kept;
 * - malformed: no list at all, or per item that is not a pair of non-empty strings.
 * Labels are normalised with `normalizeLabel`; mentions are trimmed.
 */
export const parseMentionList = (answer: string, options: MentionListOptions): ParsedMentionList => {
  const cutAtLimit = options.finishReason === "length"
  const reply = stripReasoning(answer)
  const unusable = unusableReply(reply, options.prompt)
  if (unusable !== null) return rejectedAnswer(cutAtLimit && unusable !== "prompt-continuation" ? "truncated" : unusable)
  const list = findListItems(reply)
  if (list === null) return rejectedAnswer(cutAtLimit ? "truncated" : "malformed")

  const read = list.items.map(readItem)
  const { kept, loops } = collapseLoops(read, (item) => item.key, (run) => isGenuineRun(run, options.prompt))
  const mentions = kept.flatMap((item) => (item.mention === null ? [] : [item.mention]))
  const rejected: Rejections = {}
  addRejection(rejected, "malformed", kept.length - mentions.length)
  addRejection(rejected, "repetition", loops)
  if (cutAtLimit || list.cut) addRejection(rejected, "truncated")
  return { mentions, rejected }
}

/**
 * Why an answer (not cut at the token limit) gives nothing to read at all: `empty`, `prompt-continuation` or
 * `malformed` (no list), as `parseMentionList` counts it; null when it holds a list, even an empty one. The LLM
 * client asks again on these.
 */
export const unusableMentionList = (answer: string, prompt?: string): RejectionReason | null =>
  unusableReply(stripReasoning(answer), prompt)

const unusableReply = (reply: string, prompt: string | undefined): RejectionReason | null => {
  if (reply.trim() === "") return "empty"
  if (continuesPrompt(reply, prompt)) return "prompt-continuation"
  return findListItems(reply) === null ? "malformed" : null
}

const rejectedAnswer = (reason: RejectionReason): ParsedMentionList => ({ mentions: [], rejected: { [reason]: 1 } })

type ReadItem = { readonly key: string; readonly mention: ListedMention | null }

const readItem = (item: ListItem): ReadItem => {
  const mention = item.literal === null ? null : toMention(item.literal)
  return {
    mention,
    key: mention === null ? `malformed\u0000${item.source}` : `${mention.mention}\u0000${mention.label}`
  }
}

const toMention = (literal: Literal): ListedMention | null => {
  const [mention, label] = literal.kind === "sequence" && literal.items.length === 2
    ? literal.items
    : literal.kind === "object"
    ? [valueOf(literal, mentionKeys), valueOf(literal, labelKeys)]
    : []
  if (mention?.kind !== "string" || label?.kind !== "string") return null
  const listed = { mention: mention.value.trim(), label: normalizeLabel(label.value) }
  return listed.mention === "" || listed.label === "" ? null : listed
}

const valueOf = (object: Literal & { kind: "object" }, keys: ReadonlyArray<string>): Literal | undefined =>
  object.entries.find(([key]) => keys.includes(key.trim().toLowerCase()))?.[1]

/** A run is the passage naming an entity again and again when the prompt holds each mention as often as listed. */
const isGenuineRun = (run: ReadonlyArray<ReadItem>, prompt: string | undefined): boolean => {
  if (prompt === undefined) return false
  const listed = new Map<string, number>()
  for (const item of run) {
    if (item.mention === null) return false
    listed.set(item.mention.mention, (listed.get(item.mention.mention) ?? 0) + 1)
  }
  return Array.from(listed).every(([mention, times]) => occurrences(prompt, mention) >= times)
}

const occurrences = (text: string, part: string): number => {
  let count = 0
  for (let found = text.indexOf(part); found !== -1; found = text.indexOf(part, found + part.length)) count += 1
  return count
}
