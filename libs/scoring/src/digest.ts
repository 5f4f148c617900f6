import { createHash } from "node:crypto"
import { Effect, FileSystem, Stream } from "effect"
import { ScorerModelError } from "./errors.ts"

/** The sha256 of a model file as lowercase hex, streamed so large models need not fit in memory. */
export const modelDigest = Effect.fn("modelDigest")(function*(path: string) {
  const fs = yield* FileSystem.FileSystem
  const hash = createHash("sha256")
  yield* fs.stream(path).pipe(
    Stream.runForEach((chunk) => Effect.sync(() => hash.update(chunk))),
    Effect.mapError((cause) =>
      new ScorerModelError({ path, message: `cannot read the scorer model ${path}: ${cause.message}`, cause })
    )
  )
  return hash.digest("hex")
})
