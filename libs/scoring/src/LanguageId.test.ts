import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { existsSync, readFileSync } from "node:fs"
import { needsSharedData, sharedData } from "#testing"
import { otherLanguageShare } from "./identify.ts"
import { LanguageId } from "./LanguageId.ts"

const withLanguageId = <A>(f: (languageId: LanguageId["Service"]) => A) =>
  Effect.map(Effect.service(LanguageId), f).pipe(Effect.provide(LanguageId.layer({ detector: "cld3", minShare: 0.5 })))

const swahili = { iso639_3: "swh", locale: "sw" }
const letters = (text: string) => text.match(/[\p{L}\p{M}]/gu)?.length ?? 0

// Written for this test: a paragraph about Mombasa, and the kind of English advert a crawled page appends to it.
const mombasa = "Mji wa Mombasa uko katika pwani ya Kenya na ni bandari kubwa zaidi katika Afrika Mashariki. " +
  "Wafanyabiashara kutoka Arabia, India na Uajemi walifika hapa kwa karne nyingi wakileta viungo, nguo na vyombo " +
  "vya shaba. Ngome ya Yesu ilijengwa na Wareno mwaka 1593 na sasa ni jumba la makumbusho linalotembelewa na " +
  "watalii wengi kila mwaka."
const advert = [
  "Buy cheap flights to London and Paris today with our exclusive online discount code.",
  "Subscribe to our newsletter and get the latest deals delivered straight to your inbox."
]
const shortSwahili = "Mji wa Mombasa uko katika pwani ya Kenya na ni bandari kubwa."

describe("otherLanguageShare", () => {
  it("counts the letters of each sentence by the language detected for it, the project's own and undetermined ones apart", () => {
    // A stand-in detector: sentences starting with "E" are English, "X" undetermined, the rest Swahili.
    const detect = (sentence: string) => sentence.startsWith("E") ? "eng" : sentence.startsWith("X") ? null : "swh"
    const share = otherLanguageShare("Eng one.\nSwa two 42.\nXyz.\nEng four", "sw", "swh", detect)
    // Letters: "Engone" 6, "Swatwo" 6, "Xyz" 3, "Engfour" 7; English 13 of 22.
    assert.deepStrictEqual(share, { letters: 22, other: { eng: 13 }, share: 13 / 22, language: "eng" })
  })

  it("counts a language the detector confuses with the project's as the project's", () => {
    const share = otherLanguageShare("Jedan. Dva.", "bs", "bos", (sentence) => sentence === "Jedan." ? "hrv" : "srp")
    assert.deepStrictEqual(share, { letters: 8, other: {}, share: 0, language: null })
  })
})

describe("LanguageId (cld3)", () => {
  it.effect("keeps a Swahili paragraph with an English advert appended, and names English as the other language", () =>
    withLanguageId((languageId) => {
      const text = [mombasa, ...advert].join("\n")
      const verdict = languageId.judge(text, swahili)
      assert.closeTo(verdict.share, letters(advert.join("")) / letters(text), 1e-9)
      assert.isBelow(verdict.share, 0.5)
      assert.strictEqual(verdict.language, "eng")
      assert.isFalse(verdict.reject)
    }))

  it.effect("rejects a passage that is mostly an English advert after one Swahili sentence", () =>
    withLanguageId((languageId) => {
      const text = [shortSwahili, ...advert].join("\n")
      const verdict = languageId.judge(text, swahili)
      assert.closeTo(verdict.share, letters(advert.join("")) / letters(text), 1e-9)
      assert.isTrue(verdict.reject)
      assert.strictEqual(verdict.language, "eng")
    }))

  it.effect("keeps plain Swahili, and rejects it for an English project", () =>
    withLanguageId((languageId) => {
      assert.deepInclude(languageId.judge(mombasa, swahili), { share: 0, reject: false, language: null })
      assert.deepInclude(languageId.judge(mombasa, { iso639_3: "eng", locale: "en" }), { share: 1, reject: true, language: "swh" })
    }))

  it.effect("never rejects for a language the detector does not know (Assamese), even a passage all in English", () =>
    withLanguageId((languageId) => {
      assert.isFalse(languageId.knows("asm"))
      assert.isTrue(languageId.knows("swh"))
      const verdict = languageId.judge(advert.join("\n"), { iso639_3: "asm", locale: "as" })
      assert.strictEqual(verdict.share, 1)
      assert.isFalse(verdict.reject)
    }))
})

/** FLORES-200 test sentences of a language, as SIB-200 ships them: TSV `index_id, category, text`, no quoting. */
const flores = (code: string): ReadonlyArray<string> =>
  readFileSync(`${sharedData}/sib200/${code}/test.tsv`, "utf8").split("\n").slice(1).filter((line) => line !== "")
    .map((line) => line.split("\t")[2])

const floresAbsent = !existsSync(`${sharedData}/sib200`)

describe("LanguageId on FLORES-200 sentences", () => {
  // Project language, its FLORES folder, locale. On these 204 sentences cld3 measured here: swh 203, deu 203, tha 198,
  // arb 204, hin 204, zsm 160 + 13 as Indonesian, bos 105 + 95 as Croatian.
  const languages = [
    ["swh", "swh_Latn", "sw"],
    ["deu", "deu_Latn", "de"],
    ["tha", "tha_Thai", "th"],
    ["arb", "arb_Arab", "ar"],
    ["hin", "hin_Deva", "hi"],
    ["zsm", "zsm_Latn", "ms"],
    ["bos", "bos_Latn", "bs"]
  ] as const

  it.effect.skipIf(floresAbsent)(needsSharedData("keeps at least 95% of each language's sentences as its own"), () =>
    withLanguageId((languageId) => {
      for (const [iso639_3, folder, locale] of languages) {
        const sentences = flores(folder)
        const kept = sentences.filter((sentence) => !languageId.judge(sentence, { iso639_3, locale }).reject).length
        assert.strictEqual(sentences.length, 204, folder)
        assert.isAtLeast(kept / sentences.length, 0.95, folder)
      }
    }))

  it.effect.skipIf(floresAbsent)(needsSharedData("rejects at least 95% of German and Swahili sentences for an English project"), () =>
    withLanguageId((languageId) => {
      for (const folder of ["deu_Latn", "swh_Latn"]) {
        const sentences = flores(folder)
        const rejected = sentences.filter((sentence) => languageId.judge(sentence, { iso639_3: "eng", locale: "en" }).reject)
        assert.isAtLeast(rejected.length / sentences.length, 0.95, folder)
      }
    }))
})
