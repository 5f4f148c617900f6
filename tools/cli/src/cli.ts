import { Effect, Option, Path, Schema } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { checkLock, foldLock, LockDisagrees, lockName, verifyOutputs } from "#lock"
import {
  loadCost,
  loadStatus,
  pinnedStages,
  runStage,
  runSynthesize,
  type StageName,
  stageNames,
  stageTable,
  synthesizeDefaults
} from "#stages"
import { Workspace } from "#workspace"

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
        const folded = yield* foldLock(root, pinnedStages)
        const entries = Object.values(folded.languages).reduce((n, stages) => n + Object.keys(stages).length, 0)
        yield* Effect.logInfo(`${lockName}: ${entries} entries for ${Object.keys(folded.languages).length} languages`)
      })).pipe(Command.withDescription(`write ${lockName} from languages/*/out/*/lock.json`)),
    Command.make("check", {}, () =>
      Effect.gen(function*() {
        const { root } = yield* Workspace
        const disagreements = yield* checkLock(root, pinnedStages)
        if (disagreements.length > 0) return yield* new LockDisagrees({ disagreements })
        yield* Effect.logInfo(`${lockName} matches the outputs`)
      })).pipe(Command.withDescription(`exit non-zero when ${lockName} and the outputs disagree`))
  ])
)

const verify = Command.make("verify", {}, () =>
  Effect.gen(function*() {
    const { root } = yield* Workspace
    const files = yield* verifyOutputs(root, pinnedStages)
    yield* Effect.logInfo(`${lockName}: all ${files} pinned output files match, and no other file lies in their folders`)
  })).pipe(
    Command.withDescription(
      `recompute every output's digest and name each file that differs from ${lockName}, is missing or is not in it`
    )
  )

const status = Command.make("status", {
  json: Flag.Boolean("json").pipe(
    Flag.withDescription("print an array of {language, stage, state, reasons, pinned} instead of the grid"),
    Flag.withDefault(false)
  ),
  cost: Flag.Boolean("cost").pipe(
    Flag.withDescription(
      "also price each stale or missing LLM cell whose upstream is built: its requests, how many the response cache " +
        "answers, and the prompt tokens of the rest (estimated); with --json, {cells, cost}"
    ),
    Flag.withDefault(false)
  )
}, (input) =>
  Effect.gen(function*() {
    const { renderStatus, workspaceStatus } = yield* Effect.promise(loadStatus)
    const cells = yield* workspaceStatus()
    const priced = input.cost ? yield* Effect.promise(loadCost) : null
    const cost = priced === null ? null : yield* priced.workspaceCost(cells)
    const text = input.json
      ? JSON.stringify(cost === null ? cells : { cells, cost }, null, 2) + "\n"
      : renderStatus(cells) + (cost === null || priced === null ? "" : "\n" + priced.renderCost(cost))
    // Printed as is, not logged: the grid and the JSON are the command's output, not events.
    yield* Effect.sync(() => process.stdout.write(text))
  })).pipe(
    Command.withDescription(
      "a language x stage grid of what is fresh, stale (and why) or missing, from the lock fragments and the workspace, " +
        "without running a stage; it exits 0 whatever it finds. It sees changes of language.json, config, prompt, " +
        "upstream files, package versions, code, output files, the LLM endpoint and model, the scorer model and the " +
        "corpus source; not changes of the gold data"
    ),
    Command.withExamples([
      { command: "finerweb status --json", description: "every cell as JSON" },
      { command: "finerweb status --cost", description: "what a rebuild would ask the model, before paying for it" }
    ])
  )

const version = (does: string) =>
  Argument.String("version").pipe(Argument.withDescription(`a semantic version, e.g. 1.2.0; ${does}`))

// Loaded on demand, as a stage's code is: the plugin follows static imports, so no stage target hashes it.
const releaseLibrary = () => Effect.promise(() => import("#release"))

const rebuild = Command.make("rebuild", { version: version("the release tagged datasets-v<version>") }, (input) =>
  Effect.gen(function*() {
    const { root } = yield* Workspace
    const { rebuildFromTag } = yield* releaseLibrary()
    const rebuilt = yield* rebuildFromTag(root, input.version)
    yield* Effect.logInfo(
      `${rebuilt.tag}: the rebuild of ${rebuilt.commit} gives all ${rebuilt.files} release files and ${lockName} ` +
        "byte for byte as its manifest pins them"
    )
  })).pipe(
    Command.withDescription(
      "clones the repository at datasets-v<version> into a temporary folder, builds the release there with an empty " +
        "Nx cache and this workspace's LLM response cache, and names every file that differs from the tag's manifest"
    ),
    Command.withExamples([{ command: "finerweb release rebuild 1.0.0", description: "rebuild datasets-v1.0.0 and compare" }])
  )

const release = Command.make("release", {
  version: version("tags the release folder datasets-v<version> (without it: builds the release folder)").pipe(
    Argument.optional
  )
}, (input) =>
  Effect.gen(function*() {
    const { root, packageVersions } = yield* Workspace
    const { buildRelease, releaseFolder, releasePackages, tagRelease } = yield* releaseLibrary()
    if (Option.isSome(input.version)) {
      const tagged = yield* tagRelease(root, input.version.value, pinnedStages, packageVersions(releasePackages))
      yield* Effect.logInfo(
        `${tagged.tag}: annotated tag on ${tagged.commit}, ${lockName} sha256 ${tagged.lockSha256}, manifest sha256 ` +
          `${tagged.manifestSha256} (${releaseFolder}/manifest.json, ${tagged.files} files); not pushed`
      )
      return
    }
    const built = yield* buildRelease(root, pinnedStages)
    yield* Effect.logInfo(
      `${releaseFolder}/: ${built.files} files for ${built.languages} languages, ${lockName} sha256 ${built.lockSha256}`
    )
  })).pipe(
    Command.withDescription(
      "gathers every language's export into release/: formats, card, statistics, the lock, SHA256SUMS; with a " +
        "version, checks that the tree is committed, the lock holds and release/ is fresh, writes release/manifest.json " +
        "and creates the annotated tag datasets-v<version> (never pushed)"
    ),
    Command.withExamples([{ command: "finerweb release 1.0.0", description: "tag the built release datasets-v1.0.0" }]),
    Command.withSubcommands([rebuild])
  )

const trainScorer = Command.make("train-scorer", {}, () =>
  Effect.gen(function*() {
    // Loaded on demand like release: no stage target hashes the trainer's code.
    const { trainScorer } = yield* Effect.promise(() => import("#training"))
    yield* trainScorer()
  })).pipe(
    Command.withDescription(
      "fits the passage scorer (hashed character n-grams into an MLP) on every language's rate output and the FLORES " +
        "passages rated the same way, and writes the score stage's default model into libs/scoring/model/: the ONNX " +
        "model, its manifest, the held-out report and the model card"
    )
  )

const positive = (name: string, description: string, fallback: number) =>
  Flag.Int(name).pipe(
    Flag.withSchema(Schema.Int.check(Schema.isGreaterThan(0))),
    Flag.withDescription(`${description} (default: ${fallback})`),
    Flag.withDefault(fallback)
  )

const synthesize = Command.make("synthesize", {
  set: Argument.String("set").pipe(
    Argument.withDescription("a gold set id of libs/gold/sets.json, e.g. uner-en_ewt or masakhaner2-hau")
  ),
  examples: positive("examples", "m: gold sentences shown as examples in each prompt", synthesizeDefaults.examples),
  points: positive("points", "n: new data points asked for in each call", synthesizeDefaults.points),
  calls: positive("calls", "k: calls to the model", synthesizeDefaults.calls),
  seed: Flag.String("seed").pipe(
    Flag.withDescription(`ranks the gold sentences each call draws its examples from (default: ${synthesizeDefaults.seed})`),
    Flag.withDefault(synthesizeDefaults.seed)
  ),
  out: Flag.String("out").pipe(
    Flag.withDescription("the folder for synthetic.conll and report.json (default: synthetic/<set>), from the current one"),
    Flag.optional
  ),
  gold: Flag.String("gold").pipe(
    Flag.withDescription(
      "the gold folder the registry's paths are relative to (default: FINERWEB_GOLD_DIR, else evaluate's config.json goldDir)"
    ),
    Flag.optional
  )
}, (input) =>
  Effect.gen(function*() {
    const path = yield* Path.Path
    return yield* runSynthesize({
      set: input.set,
      goldDir: Option.getOrNull(Option.map(input.gold, (folder) => path.resolve(folder))),
      examples: input.examples,
      points: input.points,
      calls: input.calls,
      seed: input.seed,
      out: path.resolve(Option.getOrElse(input.out, () => path.join("synthetic", input.set)))
    })
  })).pipe(
    Command.withDescription(
      "few-shot generation (Kamath and Vajjala): k calls each show m gold sentences of a set and ask for n new " +
        "ones; writes synthetic.conll and report.json (usable rate, rejections by reason)"
    ),
    Command.withExamples([{
      command: "finerweb synthesize uner-en_ewt --examples 5 --points 10 --calls 10",
      description: "100 synthetic English sentences in UNER's types"
    }])
  )

export const finerweb = Command.make("finerweb").pipe(
  Command.withDescription(
    "Build multilingual NER datasets, one stage of one language at a time (Nx runs these for you: " +
      `\`npx nx run-many -t export\`). Stages: ${stageNames.join(", ")}.`
  ),
  Command.withSubcommands([...stageNames.map(stageCommand), lock, verify, status, release, trainScorer, synthesize])
)

export const runCli = Command.runWith(finerweb, { version: "0.1.0" })
