import { spawnSync } from "node:child_process"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { Effect, FileSystem, Path, Schema } from "effect"
import { readJson, sha256 } from "#files"
import { lockName } from "#lock"
import { folderDifferences } from "./compare.ts"
import { InvalidVersion, ManifestUnreadable, RebuildDiffers, RebuildFailed } from "./errors.ts"
import { git, refExists } from "./git.ts"
import { isVersion, manifestOfMessage, releaseTag } from "./Manifest.ts"
import { releaseFolder } from "./release.ts"

/** Where `libs/llm/llm.json` keeps the LLM response cache, relative to the workspace root unless absolute. */
const LlmCache = Schema.Struct({ cacheDir: Schema.String })
const llmSettings = "libs/llm/llm.json"

/**
 * Rebuilds a release from its tag and compares: clones the repository at `datasets-v<version>` into a temporary
 * folder, links this workspace's node_modules and LLM response cache into it, runs `nx run finerweb:release` there
 * with an empty Nx cache (`--skip-nx-cache`: no local or remote cache answers), and compares every file of the
 * clone's `release/` and its `datasets.lock` with the manifest the tag's message holds. The clone is removed when
 * every file agrees and kept (and named) when not.
 */
export const rebuildFromTag = Effect.fn("rebuildFromTag")(function*(root: string, version: string) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  if (!isVersion(version)) return yield* new InvalidVersion({ version })
  const tag = releaseTag(version)
  if (!(yield* refExists(root, `refs/tags/${tag}`))) {
    return yield* new ManifestUnreadable({ tag, reason: "no such tag (git tag --list 'datasets-v*' lists the releases)" })
  }
  const object = yield* git(root, ["cat-file", "tag", tag])
  // The message follows the tag object's header, after its first blank line.
  const manifest = yield* manifestOfMessage(object.slice(object.indexOf("\n\n") + 2)).pipe(
    Effect.mapError((reason) => new ManifestUnreadable({ tag, reason }))
  )

  const top = (yield* git(root, ["rev-parse", "--show-toplevel"])).trim()
  const clone = mkdtempSync(path.join(tmpdir(), `finerweb-${tag}-`))
  yield* git(root, ["clone", "--quiet", "--no-checkout", top, clone])
  yield* git(clone, ["checkout", "--quiet", `refs/tags/${tag}`])
  const workspace = path.join(clone, path.relative(top, root))
  yield* fs.symlink(yield* fs.realPath(path.join(root, "node_modules")), path.join(workspace, "node_modules"))
  const { cacheDir } = yield* readJson(path.join(workspace, llmSettings), LlmCache)
  const ownCache = path.resolve(root, cacheDir)
  if (!path.isAbsolute(cacheDir) && (yield* fs.exists(ownCache))) {
    yield* fs.makeDirectory(path.dirname(path.join(workspace, cacheDir)), { recursive: true })
    yield* fs.symlink(ownCache, path.join(workspace, cacheDir))
  }

  yield* Effect.logInfo(`${tag}: rebuilding commit ${manifest.commit} in ${workspace}`)
  const build = spawnSync(
    path.join(workspace, "node_modules/.bin/nx"),
    ["run", "finerweb:release", "--outputStyle=static", "--skip-nx-cache"],
    {
      cwd: workspace,
      // stdout of the build goes to stderr: the command's own output stays its result lines.
      stdio: ["ignore", process.stderr, "inherit"],
      env: {
        ...process.env,
        // The Node that runs this command, first: the stages need Node 22.
        PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ""}`,
        NX_DAEMON: "false",
        NX_NO_CLOUD: "true",
        NX_TUI: "false",
        NX_CACHE_DIRECTORY: path.join(workspace, ".nx/cache")
      }
    }
  )
  if (build.status !== 0) {
    return yield* new RebuildFailed({ folder: workspace, reason: build.error?.message ?? `nx exited with ${build.status}` })
  }

  const problems = (yield* folderDifferences(path.join(workspace, releaseFolder), manifest.files)).map((line) => `${releaseFolder}/${line}`)
  const lockSha256 = sha256(yield* fs.readFile(path.join(workspace, lockName)))
  if (lockSha256 !== manifest.lock.sha256) problems.unshift(`${lockName}: sha256 ${lockSha256}, expected ${manifest.lock.sha256}`)
  if (problems.length > 0) return yield* new RebuildDiffers({ tag, folder: workspace, problems })
  yield* fs.remove(clone, { recursive: true })
  return { tag, commit: manifest.commit, files: manifest.files.length, lockSha256 }
})
