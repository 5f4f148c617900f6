import { type ExportRecord, type TranslatedLabels, TranslatedRecord } from "#schema"

/**
 * A sentence record with the language's labels (FiNERweb-x): every span keeps its offsets and takes its label's
 * translation. A label the mapping lacks, marks untranslated, or translates to nothing keeps its English text
 * with `translated: false`; no span is dropped. The mapping must be one: a label listed twice with two
 * outcomes is an error, since the same English label would read two ways in one dataset.
 */
export const translateRecord = (record: ExportRecord, labels: TranslatedLabels["labels"]): TranslatedRecord => {
  const mapping = new Map<string, string | null>()
  for (const { label, translation, translated } of labels) {
    const target = translated && translation.trim() !== "" ? translation : null
    if (mapping.has(label) && mapping.get(label) !== target) {
      throw new RangeError(`the label '${label}' is listed twice, as '${mapping.get(label)}' and as '${target}'`)
    }
    mapping.set(label, target)
  }
  return new TranslatedRecord({
    id: record.id,
    text: record.text,
    char_spans: record.char_spans.map((span) => {
      const translation = mapping.get(span.label)
      return translation === undefined || translation === null
        ? { ...span, translated: false }
        : { ...span, label: translation, translated: true }
    })
  })
}
