import { fileURLToPath } from "node:url"

/**
 * The workspace this code is installed in. Entry points (the CLI, benchmarks, model writers) hand it to
 * `Workspace.layer`; tests hand a temporary folder instead.
 */
export const installedRoot = fileURLToPath(new URL("../../../", import.meta.url)).replace(/\/$/, "")
