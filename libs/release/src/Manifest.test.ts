import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { isVersion, manifestOfMessage, releaseManifest, renderManifest, tagMessage } from "./Manifest.ts"

const encode = (text: string) => new TextEncoder().encode(text)

const manifest = releaseManifest({
  version: "1.2.0-rc.1",
  commit: "c".repeat(40),
  lockSha256: "5".repeat(64),
  packages: { openai: "7.57.0", effect: "4.1.0" },
  files: [{ path: "conll/afr_Latn.conll", bytes: encode("a\n") }, { path: "README.md", bytes: encode("b\n") }]
})

describe("the release manifest", () => {
  it("takes semantic versions as semver.org defines them, and nothing else", () => {
    for (const version of ["0.1.0", "1.2.0", "10.20.30", "1.2.0-rc.1", "1.0.0-alpha.beta+exp.sha.5114f85"]) {
      assert.isTrue(isVersion(version), version)
    }
    for (const version of ["1.0", "v1.0.0", "01.2.0", "1.2.0-", "1.2.0-01", "1.2.3.4", "", "1.2.0 "]) {
      assert.isFalse(isVersion(version), version)
    }
  })

  it("lists the files by path with sha256 and size, and renders with sorted keys", () => {
    assert.strictEqual(manifest.tag, "datasets-v1.2.0-rc.1")
    // "README.md" sorts before "conll/" in code-unit order; sha256 of "b\n" and "a\n" by sha256sum.
    assert.deepStrictEqual(manifest.files, [
      { path: "README.md", sha256: "0263829989b6fd954f72baaf2fc64bc2e2f01d692d4de72986ea808f6e99813f", bytes: 2 },
      { path: "conll/afr_Latn.conll", sha256: "87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7", bytes: 2 }
    ])
    const text = renderManifest(manifest)
    assert.match(text, /^\{\n {2}"commit": "c{40}",\n {2}"files": \[\n/)
    assert.include(text, `"packages": {\n    "effect": "4.1.0",\n    "openai": "7.57.0"\n  },`)
    assert.isTrue(text.endsWith("  \"version\": \"1.2.0-rc.1\"\n}\n"))
  })

  it.effect("reads back from the tag message it writes, and refuses one whose manifest was edited", () =>
    Effect.gen(function*() {
      const message = tagMessage(manifest)
      assert.match(message, /^finerweb datasets 1\.2\.0-rc\.1\n\ndatasets\.lock sha256 5{64}\nmanifest sha256 [0-9a-f]{64}\ncommit c{40}\n\n\{/)
      assert.deepStrictEqual(yield* manifestOfMessage(message), manifest)
      const edited = yield* Effect.flip(manifestOfMessage(message.replace("\"bytes\": 2", "\"bytes\": 3")))
      assert.match(edited, /^its manifest has sha256 [0-9a-f]{64}, the message records [0-9a-f]{64}$/)
      assert.strictEqual(yield* Effect.flip(manifestOfMessage("finerweb datasets 1.0.0\n")), "its message holds no release manifest")
    }))
})
