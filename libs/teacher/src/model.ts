/** The model id the teacher reports; callers put it in their request cache keys. */
export const TEACHER_MODEL = "finerweb-offline-teacher-1"

/** What the teacher is, wherever it describes itself. */
export const TEACHER_DESCRIPTION = "finerweb offline teacher: a rule-based stand-in, not an LLM"

/** Reported as `system_fingerprint`, so a response can never be mistaken for an LLM's. */
export const TEACHER_FINGERPRINT = "finerweb-rule-based-stand-in-not-an-llm"
