/** Labels are compared in one form: trimmed, lower-cased, inner white space collapsed to one space. */
export const normalizeLabel = (label: string): string => label.trim().toLowerCase().replace(/\s+/gu, " ")
