import { workspaceRoot } from "#config"
import type { Stage } from "#schema"

export const languageFile = (code: string) => `languages/${code}/language.json`
export const stageDir = (code: string, stage: Stage) => `languages/${code}/out/${stage}`
export const absolute = (relative: string) => `${workspaceRoot}/${relative}`
