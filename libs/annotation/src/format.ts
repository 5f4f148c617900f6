import type { ListedMention } from "./mention.ts"

const escapes: Readonly<Record<string, string>> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" }

const quote = (text: string): string =>
  `"${
    text.replace(/[\\"\n\r\t]|[\u0000-\u001f]/gu, (char) =>
      escapes[char] ?? `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`)
  }"`

/** Writes mentions as `[("mention", "type"), ...]`, double-quoted with backslash escapes; `parseMentionList` reads it back. */
export const formatMentionList = (mentions: ReadonlyArray<ListedMention>): string =>
  `[${mentions.map(({ mention, label }) => `(${quote(mention)}, ${quote(label)})`).join(", ")}]`
