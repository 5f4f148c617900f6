import { Option } from "effect"

/**
 * What the lock records as sample's corpus: the folder `FINERWEB_CORPUS_DIR` names, else the language's embedded UDHR
 * declaration. Its own module, so that `status` computes it without loading the corpus readers.
 */
export const corpusSource = (udhr: string | null, folder: Option.Option<string>): string =>
  Option.match(folder, {
    onNone: () => udhr === null ? "embedded:none" : `embedded:udhr/${udhr}`,
    onSome: (path) => `folder:${path}`
  })
