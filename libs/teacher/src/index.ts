export { teacherDigest } from "./digest.ts"
export { TEACHER_DESCRIPTION, TEACHER_MODEL } from "./model.ts"
export { startTeacher } from "./server.ts"
export { TeacherError } from "./TeacherError.ts"
