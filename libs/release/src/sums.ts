import { sha256 } from "#files"

/**
 * `SHA256SUMS` in the format of GNU `sha256sum` (`<hex>  <path>`, two spaces: text mode), one line per file, paths
 * relative to the release folder in code-unit order, so `sha256sum -c SHA256SUMS` checks the folder it sits in.
 */
export const sha256Sums = (files: ReadonlyArray<{ readonly path: string; readonly bytes: Uint8Array }>): string =>
  files
    .map((file) => ({ path: file.path, digest: sha256(file.bytes) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((file) => `${file.digest}  ${file.path}\n`)
    .join("")
