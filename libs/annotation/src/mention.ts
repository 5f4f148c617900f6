/** A mention as an annotator listed it, before it is placed in the passage. */
export type ListedMention = { readonly mention: string; readonly label: string }
