import { Schema } from "effect"

/** The teacher's server could not start or stop; the message names the address. */
export class TeacherError extends Schema.TaggedError<TeacherError>()("TeacherError", {
  message: Schema.String
}) {}
