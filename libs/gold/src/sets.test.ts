import { NodeServices } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Result } from "effect"
import { readFileSync } from "node:fs"
import { InvalidConll, writeConll } from "#bio"
import { needsSharedData, sharedData, sharedDataAbsent } from "#testing"
import { parseMasakhaner } from "./conll.ts"
import type { MalformedGold } from "./errors.ts"
import { type GoldFormat, goldSets } from "./GoldSet.ts"
import { readGoldSet } from "./read.ts"
import { parseThainer, writeThainer } from "./thainer.ts"
import { parseUner, writeUner } from "./uner.ts"

// The full gold sets are not in the repository (licences; see libs/gold/src/fixtures/README.md): they are in
// ../shared/data beside the checkout when it is there. Every test below is skipped when it is absent.
const goldDir = sharedData
const absent = sharedDataAbsent
const needsData = needsSharedData

/**
 * Per set: sentences (lines for ThaiNER), mentions per type, and invalid IOB2 transitions, from the tables of
 * ../shared/data/README.md. Its mention counts count an I- tag that opens a span as a mention, as conlleval repair does.
 * Its quirks list only O -> I-X transitions, and miss xho: xho/test has 4 that SeqScore rejects, counted by hand on
 * lines 14985 (B-DATE -> I-LOC), 25785 (O -> I-LOC), 25789 (B-ORG -> I-LOC) and 26273 (I-PER -> I-ORG).
 */
const expected: Record<string, { sentences: number; types: Record<string, number>; invalid: number }> = {
  "masakhaner2-hau": { sentences: 1633, types: { DATE: 757, LOC: 970, ORG: 1188, PER: 1194 }, invalid: 1 },
  "masakhaner2-ibo": { sentences: 2181, types: { DATE: 358, LOC: 1400, ORG: 432, PER: 1051 }, invalid: 0 },
  "masakhaner2-kin": { sentences: 2235, types: { DATE: 791, LOC: 1593, ORG: 685, PER: 712 }, invalid: 1 },
  "masakhaner2-swa": { sentences: 1883, types: { DATE: 598, LOC: 1924, ORG: 628, PER: 1180 }, invalid: 1 },
  "masakhaner2-xho": { sentences: 1633, types: { DATE: 294, LOC: 539, ORG: 841, PER: 1173 }, invalid: 4 },
  "masakhaner2-yor": { sentences: 1964, types: { DATE: 312, LOC: 529, ORG: 402, PER: 766 }, invalid: 1 },
  "masakhaner1-amh": { sentences: 500, types: { DATE: 106, LOC: 227, ORG: 83, PER: 142 }, invalid: 0 },
  "thainer-1.5.1": {
    sentences: 1274,
    types: {
      ORGANIZATION: 1334, PERSON: 607, LOCATION: 530, DATE: 350, MONEY: 131, FACILITY: 90, TIME: 87, LAW: 87, AGO: 21,
      PERCENT: 17, LEN: 12, URL: 12, T: 4, PHONE: 2
    },
    invalid: 0
  },
  "uner-ceb_gja": { sentences: 188, types: { LOC: 6, ORG: 1, PER: 42 }, invalid: 0 },
  "uner-zh_gsd": { sentences: 500, types: { LOC: 434, ORG: 127, PER: 206 }, invalid: 0 },
  "uner-zh_gsdsimp": { sentences: 500, types: { LOC: 429, ORG: 129, PER: 205 }, invalid: 0 },
  "uner-hr_set": { sentences: 1136, types: { LOC: 597, ORG: 414, OTH: 133, PER: 392 }, invalid: 0 },
  "uner-da_ddt": { sentences: 565, types: { LOC: 90, ORG: 172, PER: 185 }, invalid: 1 },
  "uner-en_ewt": { sentences: 2077, types: { LOC: 317, ORG: 322, PER: 449 }, invalid: 0 },
  "uner-pt_bosque": { sentences: 1167, types: { LOC: 317, ORG: 456, PER: 442 }, invalid: 0 },
  "uner-sr_set": { sentences: 520, types: { LOC: 387, ORG: 251, OTH: 54, PER: 209 }, invalid: 0 },
  "uner-sk_snk": { sentences: 1061, types: { LOC: 326, ORG: 50, PER: 539 }, invalid: 0 },
  "uner-sv_talbanken": { sentences: 1219, types: { LOC: 132, ORG: 31, PER: 33 }, invalid: 0 },
  "uner-tl_trg": { sentences: 128, types: { LOC: 4, PER: 19 }, invalid: 0 },
  "uner-tl_ugnayan": { sentences: 94, types: { LOC: 31, PER: 2 }, invalid: 0 }
}

// What each format's writer makes of what its reader read.
const rewrite: Record<GoldFormat, (text: string, file: string) => Result.Result<string, MalformedGold>> = {
  conll: (text, file) => Result.map(parseMasakhaner(text, file), writeConll),
  uner: (text, file) => Result.map(parseUner(text, file), writeUner),
  thainer: (text, file) => Result.map(parseThainer(text, file), writeThainer)
}

describe("the gold sets in ../shared/data", () => {
  it("lists the same sets as the registry", () => {
    assert.deepStrictEqual(Object.keys(expected).sort(), Object.keys(goldSets).sort())
  })

  it.skipIf(absent)(needsData("every file is written back byte for byte"), () => {
    for (const [set, { format, path }] of Object.entries(goldSets)) {
      const file = `${goldDir}/${path}`
      const bytes = readFileSync(file)
      const written = rewrite[format](new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes), file)
      assert.isTrue(Result.isSuccess(written), set)
      assert.isTrue(Buffer.from(Result.getOrThrow(written), "utf8").equals(bytes), set)
    }
  })

  it.effect.skipIf(absent)(needsData("sentence and mention counts per type are the README's"), () =>
    Effect.gen(function*() {
      for (const [set, counts] of Object.entries(expected)) {
        const gold = yield* readGoldSet({ dir: goldDir, set, sha256: null, repair: "conlleval" })
        assert.strictEqual(gold.sentences.length, counts.sentences, set)
        assert.strictEqual(new Set(gold.sentences.map(({ id }) => id)).size, counts.sentences, `${set}: ids repeat`)
        const types: Record<string, number> = {}
        for (const { mentions } of gold.sentences) for (const { type } of mentions) types[type] = (types[type] ?? 0) + 1
        assert.deepStrictEqual(types, counts.types, set)
        assert.strictEqual(gold.repaired, counts.invalid, set)
      }
    }).pipe(Effect.provide(NodeServices.layer)))

  it.effect.skipIf(absent)(needsData("only the files with an invalid transition fail without repair"), () =>
    Effect.gen(function*() {
      for (const [set, counts] of Object.entries(expected)) {
        const read = yield* readGoldSet({ dir: goldDir, set, sha256: null, repair: null }).pipe(Effect.result)
        if (counts.invalid === 0) {
          assert.isTrue(Result.isSuccess(read), set)
        } else {
          assert.isTrue(Result.isFailure(read) && read.failure instanceof InvalidConll, set)
        }
      }
    }).pipe(Effect.provide(NodeServices.layer)))
})
