import * as NodeServices from "@effect/platform-node/NodeServices"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Schema } from "effect"
import { createHash } from "node:crypto"
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { installedRoot } from "./root.ts"
import { Workspace } from "./Workspace.ts"

const afrikaans = readFileSync(join(installedRoot, "languages/afr_Latn/language.json"), "utf8")

/** A workspace with one file per entry, relative to its root. */
const workspace = (files: Record<string, string>) => {
  const root = mkdtempSync(join(tmpdir(), "finerweb-workspace-test-"))
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(root, file, ".."), { recursive: true })
    writeFileSync(join(root, file), text)
  }
  return Workspace.layer(root).pipe(Layer.provideMerge(NodeServices.layer))
}

const Settings = Schema.Struct({ seed: Schema.NonEmptyString, size: Schema.Int })

describe("Workspace", () => {
  it.effect("decodes a configuration file with the schema of what it configures, naming the file when it does not", () =>
    Effect.gen(function*() {
      const { readConfig } = yield* Workspace
      assert.deepStrictEqual(yield* readConfig("a/good.json", Settings), { seed: "s", size: 3 })
      const notJson = yield* readConfig("a/broken.json", Settings).pipe(Effect.flip)
      assert.match(notJson.message, /^a\/broken\.json: not JSON \(/)
      const wrong = yield* readConfig("a/wrong.json", Settings).pipe(Effect.flip)
      assert.match(wrong.message, /^a\/wrong\.json: .*size/)
      assert.notInclude(wrong.message, "\n")
      const missing = yield* readConfig("a/missing.json", Settings).pipe(Effect.flip)
      assert.match(missing.message, /^a\/missing\.json: cannot be read/)
    }).pipe(Effect.provide(workspace({
      "a/good.json": `{"seed": "s", "size": 3}`,
      "a/broken.json": `{"seed": `,
      "a/wrong.json": `{"seed": "s", "size": "three"}`
    }))))

  it.effect("loads a language, pinned by the sha256 of its bytes, and refuses one whose code names another folder", () =>
    Effect.gen(function*() {
      const { loadLanguage } = yield* Workspace
      const loaded = yield* loadLanguage("afr_Latn")
      assert.strictEqual(loaded.language.bcp47, "af")
      assert.strictEqual(loaded.digest, createHash("sha256").update(afrikaans).digest("hex"))
      assert.strictEqual(
        (yield* loadLanguage("xxx_Latn").pipe(Effect.flip)).message,
        "unknown language code 'xxx_Latn': there is no languages/xxx_Latn/language.json"
      )
      assert.strictEqual(
        (yield* loadLanguage("nld_Latn").pipe(Effect.flip)).message,
        "languages/nld_Latn/language.json: its code is 'afr_Latn', not 'nld_Latn'"
      )
    }).pipe(Effect.provide(workspace({
      "languages/afr_Latn/language.json": afrikaans,
      "languages/nld_Latn/language.json": afrikaans
    }))))

  it.effect("resolves paths against its root and reads package versions from the installed code, not the root", () =>
    Effect.gen(function*() {
      const { resolve, root, stageDir, packageVersions } = yield* Workspace
      assert.strictEqual(resolve("languages/afr_Latn"), join(root, "languages/afr_Latn"))
      assert.strictEqual(stageDir("afr_Latn", "judge"), "languages/afr_Latn/out/judge")
      const effect = JSON.parse(readFileSync(join(installedRoot, "node_modules/effect/package.json"), "utf8")).version
      assert.deepStrictEqual(packageVersions(["effect"]), { effect })
    }).pipe(Effect.provide(workspace({}))))
})
