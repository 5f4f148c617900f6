import { existsSync } from "node:fs"
import { resolve } from "node:path"
import { installedRoot } from "#workspace"

/** `../shared/data` beside the workspace: the full gold sets some tests read where the folder is present. */
export const sharedData = resolve(installedRoot, "../shared/data")

export const sharedDataAbsent = !existsSync(sharedData)

/** A test's title that says, where the folder is absent, that the test was skipped and why. */
export const needsSharedData = (title: string) => (sharedDataAbsent ? `${title} (skipped: ../shared/data is absent)` : title)
