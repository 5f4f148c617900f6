import { Effect, Schema } from "effect"
import { Argument, Command } from "effect/cli"
import { checkLock, foldLock, lockName } from "#lock"
import { runStage, type StageName, stageNames, stageTable } from "#stages"
import { Workspace } from "#workspace"

/** A lock that disagrees with the outputs on disk; each line names a file. */
export class LockDisagrees extends Schema.TaggedError<LockDisagrees>()("LockDisagrees", {
  disagreements: Schema.Array(Schema.String)
}) {
  override get message() {
    return `${lockName} disagrees with the outputs:\n  ${this.disagreements.join("\n  ")}`
  }
}

const language = Argument.String("language").pipe(
  Argument.withDescription("a language code as in languages/<code>, e.g. afr_Latn or tha_Thai")
)

const stageCommand = (stage: StageName) =>
  Command.make(stage, { language }, (input) => runStage(stage, input.language)).pipe(
    Command.withDescription(stageTable[stage].does),
    Command.withExamples([{ command: `finerweb ${stage} afr_Latn`, description: `${stage} Afrikaans` }])
  )

const lock = Command.make("lock").pipe(
  Command.withDescription(`fold the targets' lock fragments into ${lockName}, or check it against the outputs`),
  Command.withSubcommands([
    Command.make("fold", {}, () =>
      Effect.gen(function*() {
        const { root } = yield* Workspace
        const folded = yield* foldLock(root)
        const entries = Object.values(folded.languages).reduce((n, stages) => n + Object.keys(stages).length, 0)
        yield* Effect.logInfo(`${lockName}: ${entries} entries for ${Object.keys(folded.languages).length} languages`)
      })).pipe(Command.withDescription(`write ${lockName} from languages/*/out/*/lock.json`)),
    Command.make("check", {}, () =>
      Effect.gen(function*() {
        const { root } = yield* Workspace
        const disagreements = yield* checkLock(root)
        if (disagreements.length > 0) return yield* new LockDisagrees({ disagreements })
        yield* Effect.logInfo(`${lockName} matches the outputs`)
      })).pipe(Command.withDescription(`exit non-zero when ${lockName} and the outputs disagree`))
  ])
)

export const finerweb = Command.make("finerweb").pipe(
  Command.withDescription(
    "Build multilingual NER datasets, one stage of one language at a time (Nx runs these for you: " +
      `\`npx nx run-many -t export\`). Stages: ${stageNames.join(", ")}.`
  ),
  Command.withSubcommands([...stageNames.map(stageCommand), lock])
)

export const runCli = Command.runWith(finerweb, { version: "0.1.0" })
