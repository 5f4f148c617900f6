import { fileURLToPath } from "node:url"

/** The workspace root: every configured path is relative to it. */
export const workspaceRoot = fileURLToPath(new URL("../../../", import.meta.url)).replace(/\/$/, "")
