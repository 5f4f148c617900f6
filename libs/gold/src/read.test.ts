import { NodeServices } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { InvalidConll } from "#bio"
import { GoldDigestMismatch, GoldNotFound, GoldReadFailed, MalformedGold, UnknownGoldSet } from "./errors.ts"
import { fixture } from "./fixtures.fixture.ts"
import { goldSets } from "./GoldSet.ts"
import { readGoldSet } from "./read.ts"

/** A gold folder holding `text` where the registry expects the set's file. */
const goldFolder = (set: string, text: string): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "finerweb-gold-"))
  const file = path.join(dir, goldSets[set].path)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, text)
  return dir
}

const digest = (text: string) => createHash("sha256").update(text).digest("hex")

describe("the registry", () => {
  it("holds the 20 test files with the finerweb language each evaluates, null for the control sets", () => {
    assert.deepStrictEqual(Object.fromEntries(Object.entries(goldSets).map(([set, entry]) => [set, entry.language])), {
      "masakhaner2-hau": null,
      "masakhaner2-ibo": null,
      "masakhaner2-kin": null,
      "masakhaner2-swa": "swh_Latn",
      "masakhaner2-xho": "xho_Latn",
      "masakhaner2-yor": null,
      "masakhaner1-amh": "amh_Ethi",
      "thainer-1.5.1": "tha_Thai",
      "uner-ceb_gja": null,
      "uner-zh_gsd": null,
      "uner-zh_gsdsimp": "cmn_Hani",
      "uner-hr_set": "hrv_Latn",
      "uner-da_ddt": "dan_Latn",
      "uner-en_ewt": "eng_Latn",
      "uner-pt_bosque": "por_Latn",
      "uner-sr_set": "srp_Latn",
      "uner-sk_snk": "slk_Latn",
      "uner-sv_talbanken": "swe_Latn",
      "uner-tl_trg": "fil_Latn",
      "uner-tl_ugnayan": "fil_Latn"
    })
  })

  it("names the non-commercial licences of MasakhaNER and Tagalog-Ugnayan, and a test split for every set", () => {
    for (const [set, entry] of Object.entries(goldSets)) {
      const nonCommercial = set.startsWith("masakhaner") || set === "uner-tl_ugnayan"
      assert.strictEqual(entry.licence.includes("-NC-"), nonCommercial, set)
      assert.match(entry.path, /(^|\/|-)test\.(txt|iob2)$/, set)
      // the published URL is the source's file at the source's commit
      const [, repo, file, commit] = /^([^:]+):(.+)@([0-9a-f]{40})$/.exec(entry.source)!
      assert.strictEqual(entry.published, `https://github.com/${repo}/blob/${commit}/${file}`, set)
      assert.strictEqual(path.basename(entry.path), path.basename(file), set)
    }
  })
})

describe("readGoldSet", () => {
  it.effect("reads a set from the gold folder, returning the file read and the sha256 of its bytes", () =>
    Effect.gen(function*() {
      const text = fixture("en_ewt.iob2")
      const dir = goldFolder("uner-en_ewt", text)
      const gold = yield* readGoldSet({ dir, set: "uner-en_ewt", sha256: digest(text), repair: null })
      assert.strictEqual(gold.set, "uner-en_ewt")
      assert.strictEqual(gold.file, path.join(dir, "uner/UNER_English-EWT/en_ewt-ud-test.iob2"))
      assert.strictEqual(gold.sha256, digest(text))
      assert.deepStrictEqual(gold.sentences.map(({ id }) => id.slice(-4)), ["0001", "0002", "0001"])
      assert.strictEqual(gold.repaired, 0)
    }).pipe(Effect.provide(NodeServices.layer)))

  it.effect("keeps ThaiNER's byte-order mark out of the first sentence's text", () =>
    Effect.gen(function*() {
      const dir = goldFolder("thainer-1.5.1", fixture("thainer.txt"))
      const gold = yield* readGoldSet({ dir, set: "thainer-1.5.1", sha256: null, repair: null })
      assert.strictEqual(gold.sentences[0].text.codePointAt(0), "อ".codePointAt(0))
      assert.deepStrictEqual(gold.sentences[0].mentions[0], { start: 0, end: 18, type: "ORGANIZATION" })
    }).pipe(Effect.provide(NodeServices.layer)))

  it.effect("fails on an invalid transition without repair and counts it with repair", () =>
    Effect.gen(function*() {
      const dir = goldFolder("uner-da_ddt", fixture("da_ddt.iob2"))
      const error = yield* readGoldSet({ dir, set: "uner-da_ddt", sha256: null, repair: null }).pipe(Effect.flip)
      assert.instanceOf(error, InvalidConll)
      assert.match(error.message, /da_ddt-ud-test\.iob2: Invalid transition 'O' -> 'I-PER' for token 'Jonathan' on line 9$/)
      const repaired = yield* readGoldSet({ dir, set: "uner-da_ddt", sha256: null, repair: "conlleval" })
      assert.strictEqual(repaired.repaired, 1)
    }).pipe(Effect.provide(NodeServices.layer)))

  it.effect("says where a missing set is published and which folder was searched", () =>
    Effect.gen(function*() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "finerweb-gold-"))
      const error = yield* readGoldSet({ dir, set: "masakhaner2-swa", sha256: null, repair: null }).pipe(Effect.flip)
      assert.instanceOf(error, GoldNotFound)
      assert.strictEqual(
        error.message,
        `gold set 'masakhaner2-swa': masakhaner2/swa/test.txt not found in the gold folder ${dir}; download it from ` +
          "https://github.com/masakhane-io/masakhane-ner/blob/ba5843cd08aa491d5f96a5e809e71eb9ec461391/MasakhaNER2.0/data/swa/test.txt"
      )
    }).pipe(Effect.provide(NodeServices.layer)))

  it.effect("refuses bytes whose sha256 is not the pinned one, and a set the registry does not hold", () =>
    Effect.gen(function*() {
      const text = fixture("zh_gsdsimp.iob2")
      const dir = goldFolder("uner-zh_gsdsimp", text)
      const pinned = "0".repeat(64)
      const mismatch = yield* readGoldSet({ dir, set: "uner-zh_gsdsimp", sha256: pinned, repair: null }).pipe(Effect.flip)
      assert.instanceOf(mismatch, GoldDigestMismatch)
      assert.strictEqual(
        mismatch.message,
        `${path.join(dir, "uner/UNER_Chinese-GSDSIMP/zh_gsdsimp-ud-test.iob2")}: sha256 is ${digest(text)}, expected ${pinned}`
      )
      const unknown = yield* readGoldSet({ dir, set: "uner-zh_gsdtrad", sha256: null, repair: null }).pipe(Effect.flip)
      assert.instanceOf(unknown, UnknownGoldSet)
      assert.match(unknown.message, /^unknown gold set 'uner-zh_gsdtrad' \(libs\/gold\/sets\.json has masakhaner2-hau, /)
      const inherited = yield* readGoldSet({ dir, set: "constructor", sha256: null, repair: null }).pipe(Effect.flip)
      assert.instanceOf(inherited, UnknownGoldSet)
    }).pipe(Effect.provide(NodeServices.layer)))

  it.effect("refuses bytes that are not UTF-8, and names the file it cannot read", () =>
    Effect.gen(function*() {
      const dir = goldFolder("uner-en_ewt", "")
      const file = path.join(dir, goldSets["uner-en_ewt"].path)
      fs.writeFileSync(file, new Uint8Array([0x23, 0x20, 0xff, 0x0a]))
      const malformed = yield* readGoldSet({ dir, set: "uner-en_ewt", sha256: null, repair: null }).pipe(Effect.flip)
      assert.instanceOf(malformed, MalformedGold)
      assert.strictEqual(malformed.message, `${file}: not UTF-8`)
      fs.rmSync(file)
      fs.mkdirSync(file)
      const unreadable = yield* readGoldSet({ dir, set: "uner-en_ewt", sha256: null, repair: null }).pipe(Effect.flip)
      assert.instanceOf(unreadable, GoldReadFailed)
      assert.include(unreadable.message, `cannot read gold file ${file}: `)
    }).pipe(Effect.provide(NodeServices.layer)))
})
