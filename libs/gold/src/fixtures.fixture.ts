import { Result } from "effect"
import { readFileSync } from "node:fs"

/** The text of a vendored fixture (see `fixtures/README.md`), exactly as stored, byte-order mark included. */
export const fixture = (name: string): string => readFileSync(new URL(`fixtures/${name}`, import.meta.url), "utf8")

/** The success of a Result; a failure is thrown, for tests that expect a success. */
export const success = <A, E>(result: Result.Result<A, E>): A => {
  if (Result.isFailure(result)) throw new Error(`expected a success, got ${String(result.failure)}`)
  return result.success
}

/** The failure of a Result; a success is thrown, for tests that expect a failure. */
export const failure = <A, E>(result: Result.Result<A, E>): E => {
  if (Result.isSuccess(result)) throw new Error(`expected a failure, got ${JSON.stringify(result.success)}`)
  return result.failure
}
