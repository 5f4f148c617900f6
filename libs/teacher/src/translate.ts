/** The date-time fields ICU names in every language it knows. */
const fields = [
  "era", "year", "quarter", "month", "weekOfYear", "weekday", "day", "dayPeriod", "hour", "minute", "second",
  "timeZoneName"
] as const
type Field = (typeof fields)[number]

/** An English label -> its field: by the field's English display name ("day of the week") or its key ("weekday"). */
const fieldOfLabel: ReadonlyMap<string, Field> = (() => {
  const english = new Intl.DisplayNames("en", { type: "dateTimeField" })
  const byLabel = new Map<string, Field>()
  for (const field of fields) {
    byLabel.set(field.toLowerCase(), field)
    byLabel.set((english.of(field) ?? field).toLowerCase(), field)
  }
  return byLabel
})()

/**
 * Maps every English label to its name in `lang` where ICU names it as a date-time field ("year" -> "année");
 * every other label maps to itself, unchanged: the teacher has no dictionary and does not invent translations.
 */
export const translateLabels = (labels: ReadonlyArray<string>, lang: string): Record<string, string> => {
  const names = Intl.DisplayNames.supportedLocalesOf([lang]).length === 0
    ? undefined
    : new Intl.DisplayNames(lang, { type: "dateTimeField" })
  return Object.fromEntries(labels.map((label) => {
    const field = fieldOfLabel.get(label.trim().toLowerCase())
    const name = field === undefined || names === undefined ? undefined : names.of(field)
    return [label, name === undefined || name === field ? label : name]
  }))
}
