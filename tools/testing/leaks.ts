import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"

/** The files under `folders` (node_modules aside) whose bytes contain `text`: where a secret leaked to. */
export const filesContaining = (folders: ReadonlyArray<string>, text: string): Array<string> =>
  folders
    .flatMap((folder) =>
      readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && !entry.parentPath.includes("/node_modules"))
        .map((entry) => join(entry.parentPath, entry.name))
    )
    .filter((file) => readFileSync(file).includes(text))
