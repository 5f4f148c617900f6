/**
 * A generated part of a Markdown file lies between two marker comments; this replaces what is between them, so that a
 * file can hold several generated parts and hand-written text around them.
 */
export interface Section {
  readonly begin: string
  readonly end: string
}

/** The text with the section's body replaced; fails when the markers are missing or out of order. */
export const withSection = (text: string, section: Section, body: string): string => {
  const from = text.indexOf(section.begin)
  const to = text.indexOf(section.end)
  if (from === -1 || to < from) throw new Error(`README.md has no section between ${section.begin} and ${section.end}`)
  return `${text.slice(0, from + section.begin.length)}\n${body}\n${text.slice(to)}`
}

/** What is between the section's markers, without the line breaks that frame it. */
export const sectionBody = (text: string, section: Section): string => {
  const from = text.indexOf(section.begin)
  const to = text.indexOf(section.end)
  if (from === -1 || to < from) throw new Error(`README.md has no section between ${section.begin} and ${section.end}`)
  return text.slice(from + section.begin.length, to).replace(/^\n/, "").replace(/\n$/, "")
}
