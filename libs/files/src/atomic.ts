import { randomUUID } from "node:crypto"
import { Effect, FileSystem, Path, Schema } from "effect"

/** A file or folder that could not be written; `path` says which. */
export class WriteError extends Schema.TaggedError<WriteError>()("WriteError", {
  path: Schema.String,
  reason: Schema.String
}) {
  override get message() {
    return `cannot write ${this.path}: ${this.reason}`
  }
}

// Unique per write, not only per process: two fibers writing the same file must not share a temporary.
const temporaryName = (path: string) => `${path}.tmp-${process.pid}-${randomUUID()}`

/**
 * Writes a file through a temporary sibling and a rename, so that a reader never sees a half-written file: after a
 * crash or a full disk there is either the old file, the new one, or a `.tmp-` leftover that nothing reads.
 */
export const writeFileAtomic = Effect.fn("writeFileAtomic")(function*(path: string, data: string | Uint8Array) {
  const fs = yield* FileSystem.FileSystem
  const paths = yield* Path.Path
  const temporary = temporaryName(path)
  yield* Effect.gen(function*() {
    yield* fs.makeDirectory(paths.dirname(path), { recursive: true })
    if (typeof data === "string") yield* fs.writeFileString(temporary, data)
    else yield* fs.writeFile(temporary, data)
    yield* fs.rename(temporary, path)
  }).pipe(
    Effect.onError(() => fs.remove(temporary, { force: true }).pipe(Effect.ignore)),
    Effect.mapError((cause) => new WriteError({ path, reason: cause.message }))
  )
})

/**
 * Builds a whole folder under a temporary name and swaps it in place of `path` only once `build` succeeded.
 * A failed or interrupted build leaves the previous folder untouched, or no folder, never a partial one.
 */
export const replaceDirectory = <A, E, R>(path: string, build: (temporary: string) => Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const paths = yield* Path.Path
    const temporary = temporaryName(path)
    const fail = (cause: { message: string }) => new WriteError({ path, reason: cause.message })
    // Leftovers of runs that were killed before they could clean up after themselves.
    const parent = paths.dirname(path)
    const prefix = `${paths.basename(path)}.tmp-`
    const siblings = (yield* fs.exists(parent).pipe(Effect.mapError(fail)))
      ? yield* fs.readDirectory(parent).pipe(Effect.mapError(fail))
      : []
    for (const name of siblings.filter((name) => name.startsWith(prefix))) {
      yield* fs.remove(paths.join(parent, name), { recursive: true, force: true }).pipe(Effect.mapError(fail))
    }
    yield* fs.makeDirectory(temporary, { recursive: true }).pipe(Effect.mapError(fail))
    const result = yield* build(temporary).pipe(
      Effect.onExit((exit) =>
        exit._tag === "Failure" ? fs.remove(temporary, { recursive: true, force: true }).pipe(Effect.ignore) : Effect.void
      )
    )
    yield* fs.remove(path, { recursive: true, force: true }).pipe(Effect.mapError(fail))
    yield* fs.rename(temporary, path).pipe(Effect.mapError(fail))
    return result
  })
