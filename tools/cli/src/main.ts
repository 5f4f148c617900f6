// Subpath imports: the package index also loads HTTP modules that no stage needs (~250 ms a task).
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Cause, Effect, Layer, Logger } from "effect"
import { CliError } from "effect/cli"
import { installedRoot, Workspace } from "#workspace"
import { runCli } from "./cli.ts"

// One line per event: Nx interleaves the output of parallel tasks, so a line must stand on its own.
const lines = Logger.make(({ message }) => {
  console.log(`[finerweb] ${Array.isArray(message) ? message.join(" ") : String(message)}`)
})

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** The one composition root: the platform, the workspace this CLI is installed in, and the log format. */
const application = Layer.mergeAll(
  Workspace.layer(installedRoot).pipe(Layer.provideMerge(NodeServices.layer)),
  Logger.layer([lines])
)

runCli(process.argv.slice(2)).pipe(
  Effect.provide(application),
  Effect.catchCause((cause) =>
    Effect.sync(() => {
      process.exitCode = 1
      const error = Cause.squash(cause)
      // The CLI has already shown its own parse errors with the help text.
      if (!Cause.hasInterruptsOnly(cause) && !CliError.isCliError(error)) console.error(`finerweb: ${describe(error)}`)
    })
  ),
  NodeRuntime.runMain({ disableErrorReporting: true })
)
