import { Effect, Schema } from "effect"
import { Argument, Command } from "effect/cli"
import { workspaceRoot } from "#config"
import { checkLock, foldLock, lockName } from "#lock"
import { type LoadedLanguage, loadLanguage, stagePrograms } from "#stages"

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

const stage = <E, R>(
  name: keyof typeof stagePrograms,
  description: string,
  run: (language: LoadedLanguage) => Effect.Effect<unknown, E, R>
) =>
  Command.make(name, { language }, (input) => Effect.flatMap(loadLanguage(input.language), run)).pipe(
    Command.withDescription(description),
    Command.withExamples([{ command: `finerweb ${name} afr_Latn`, description: `${name} Afrikaans` }])
  )

/** The LLM client (or the offline teacher), loaded only by the stages that ask a model. */
const withLlm = <A, E, R>(program: Effect.Effect<A, E, R>) =>
  Effect.flatMap(Effect.promise(() => import("./llm.ts")), ({ llmLayer }) => Effect.provide(program, llmLayer))

const stages = [
  stage("sample", "draw documents from the corpus and cut them into ~256-word passages", (l) =>
    Effect.flatMap(Effect.promise(stagePrograms.sample), (sample) => sample(l))),
  stage("score", "score passages with the ONNX model and keep the first good one per document", (l) =>
    Effect.flatMap(Effect.promise(stagePrograms.score), (score) => score(l))),
  stage("annotate", "list the named entities of each passage with the LLM and align them to offsets", (l) =>
    withLlm(Effect.flatMap(Effect.promise(stagePrograms.annotate), (annotate) => annotate(l)))),
  stage("judge", "rate a sample of annotations for faithfulness and completeness (1-5)", (l) =>
    withLlm(Effect.flatMap(Effect.promise(stagePrograms.judge), (judge) => judge(l)))),
  stage("translate", "translate the language's label set into the language", (l) =>
    withLlm(Effect.flatMap(Effect.promise(stagePrograms.translate), (translate) => translate(l)))),
  stage("export", "write the sentence records {id, text, char_spans}, labels and statistics", (l) =>
    Effect.flatMap(Effect.promise(stagePrograms.export), (exportDataset) => exportDataset(l)))
]

const lock = Command.make("lock").pipe(
  Command.withDescription(`fold the targets' lock fragments into ${lockName}, or check it against the outputs`),
  Command.withSubcommands([
    Command.make("fold", {}, () =>
      Effect.gen(function*() {
        const folded = yield* foldLock(workspaceRoot)
        const entries = Object.values(folded.languages).reduce((n, stages) => n + Object.keys(stages).length, 0)
        yield* Effect.logInfo(`${lockName}: ${entries} entries for ${Object.keys(folded.languages).length} languages`)
      })).pipe(Command.withDescription(`write ${lockName} from languages/*/out/*/lock.json`)),
    Command.make("check", {}, () =>
      Effect.gen(function*() {
        const disagreements = yield* checkLock(workspaceRoot)
        if (disagreements.length > 0) return yield* new LockDisagrees({ disagreements })
        yield* Effect.logInfo(`${lockName} matches the outputs`)
      })).pipe(Command.withDescription(`exit non-zero when ${lockName} and the outputs disagree`))
  ])
)

export const finerweb = Command.make("finerweb").pipe(
  Command.withDescription(
    "Build multilingual NER datasets, one stage of one language at a time (Nx runs these for you: " +
      "`npx nx run-many -t export`). Stages: sample -> score -> annotate -> judge -> translate -> export."
  ),
  Command.withSubcommands([...stages, lock])
)

export const runCli = Command.runWith(finerweb, { version: "0.1.0" })
