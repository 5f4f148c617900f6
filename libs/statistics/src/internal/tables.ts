import * as aq from "arquero"
import type { LanguageStatistics } from "#schema"

/** A label and the number of spans it labels. */
export interface LabelCount {
  readonly label: string
  readonly spans: number
}

/** A table's rows as objects of the shape its columns were built with (arquero types rows as bare objects). */
export const rowsOf = <Row>(table: aq.ColumnTable): Array<Row> => table.objects() as Array<Row>

/** Rounds a mean to three decimal places (`Math.round`, so halves go up); no value, or NaN, is null. */
export const round3 = (value: number | null | undefined): number | null =>
  value === null || value === undefined || Number.isNaN(value) ? null : Math.round(value * 1000) / 1000

/** How many rows hold each value of `column`, as an object keyed by value: the keys given, zero where absent. */
export const countsOf = <K extends string>(
  table: aq.ColumnTable,
  column: string,
  keys: ReadonlyArray<K>
): Record<K, number> => {
  const counted = new Map(
    rowsOf<Record<string, unknown>>(table.groupby(column).count({ as: "n" })).map((row) => [String(row[column]), row.n])
  )
  return Object.fromEntries(keys.map((key) => [key, counted.get(key) ?? 0])) as Record<K, number>
}

/** Spans per label (a table of `label` and `spans`), most first and ties in code-unit order of the label, the first `limit`. */
export const topLabels = (perLabel: aq.ColumnTable, limit: number): Array<LabelCount> =>
  rowsOf<LabelCount>(perLabel.orderby(aq.desc("spans"), "label").slice(0, limit))

/** A language's rejections of annotate and judge together, over every reason. */
export const rejectedOf = (language: LanguageStatistics): number =>
  [...Object.values(language.rejected.annotate), ...Object.values(language.rejected.judge)].reduce((a, b) => a + b, 0)
