import { normalizeLabel } from "#annotation"
import { Schema } from "effect"
import labelsFile from "../labels.json" with { type: "json" }
import { type CoreType, coreTypes } from "#schema"

/** A label as `normalizeLabel` leaves it, so that the map's keys are the labels annotators' answers arrive as. */
const NormalizedLabel = Schema.String.check(
  Schema.makeFilter((label: string) =>
    (label !== "" && label === normalizeLabel(label)) || `not a normalised label: ${JSON.stringify(label)}`
  )
)
const Labels = Schema.Array(NormalizedLabel)

/** `labels.json`: the labels of each core type, and the labels known to name none (see the README); each once. */
const LabelMap = Schema.Struct({
  version: Schema.Int,
  types: Schema.Struct({ PER: Labels, LOC: Labels, ORG: Labels, DATE: Labels }),
  notCore: Labels
}).check(
  Schema.makeFilter((map) => {
    const all = [...coreTypes.flatMap((type) => map.types[type]), ...map.notCore]
    const twice = all.filter((label, index) => all.indexOf(label) !== index)
    return twice.length === 0 || `labels listed more than once: ${twice.join(", ")}`
  })
)

const labelMap = Schema.decodeUnknownSync(LabelMap)(labelsFile)

export const labelMapVersion = labelMap.version

const targets = new Map<string, CoreType | null>([
  ...coreTypes.flatMap((type) => labelMap.types[type].map((label) => [label, type] as const)),
  ...labelMap.notCore.map((label) => [label, null] as const)
])

/** The singular a plural head most likely stands for: "cities" -> "city", "clubs" -> "club". */
const singulars = (word: string): Array<string> =>
  word.endsWith("ies") ? [word.slice(0, -3) + "y", word.slice(0, -1)] : word.endsWith("s") ? [word.slice(0, -1)] : []

/**
 * The core type an annotator's free-form label names: null when the map knows the label names no core type
 * ("language", "proper name"), "unmapped" when it does not know the label. The label itself is looked up first,
 * then its head noun (its last word), then that head without a plural ending.
 */
export const mapLabel = (label: string): CoreType | null | "unmapped" => {
  const normalized = normalizeLabel(label)
  const head = normalized.slice(normalized.lastIndexOf(" ") + 1)
  for (const candidate of [normalized, head, ...singulars(head)]) {
    const target = targets.get(candidate)
    if (target !== undefined) return target
  }
  return "unmapped"
}
