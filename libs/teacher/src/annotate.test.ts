import { describe, expect, it } from "vitest"
import { annotate } from "./annotate.ts"

const pairs = (text: string, lang: string) => annotate(text, lang).map(({ label, mention }) => [mention, label])

describe("annotate", () => {
  it("finds French country names from ICU, whole words only", () => {
    expect(pairs("Le Kenya et la France", "fr")).toEqual([["Kenya", "country"], ["France", "country"]])
    expect(pairs("Les Kenyans et les Françaises", "fr")).toEqual([])
  })

  it("labels months, languages, currencies and macro-regions in the passage's language", () => {
    expect(pairs("En mars, on parle français en Afrique et on paie en euro.", "fr")).toEqual([
      ["mars", "month"], ["français", "language"], ["Afrique", "region"], ["euro", "currency"]
    ])
  })

  it("matches the capitalised form of a lower-case name at the start of a sentence", () => {
    expect(pairs("Mars est froid.", "fr")).toEqual([["Mars", "month"]])
  })

  it("knows both the stand-alone and the inflected month forms", () => {
    expect(pairs("январь и 5 января", "ru")).toEqual([["январь", "month"], ["января", "month"]])
  })

  it("matches substrings in Thai, which has no spaces between words", () => {
    expect(pairs("ประเทศเคนยาในเดือนมกราคม 2020", "th")).toEqual([
      ["เคนยา", "country"], ["มกราคม", "month"], ["2020", "year"]
    ])
  })

  it("matches substrings in Chinese, longest first", () => {
    expect(pairs("中国和日本在十一月用美元", "zh-Hans")).toEqual([
      ["中国", "country"], ["日本", "country"], ["十一月", "month"], ["美元", "currency"]
    ])
  })

  it("takes 4-digit years 1000-2099 that stand alone", () => {
    expect(pairs("In 999, 1066, 2099, 2100, 12345, 3.1415, 1999s and (2020).", "en")).toEqual([
      ["1066", "year"], ["2099", "year"], ["2020", "year"]
    ])
  })

  it("reads years in the language's own digits", () => {
    expect(pairs("১৯৭১ সালে বাংলাদেশ", "bn")).toEqual([["১৯৭১", "year"], ["বাংলাদেশ", "country"]])
  })

  it("takes runs of capitalised words that do not start a sentence as proper names", () => {
    expect(pairs("Yesterday Neil Armstrong met the Secretary General of Acme Widgets Inc.", "en")).toEqual([
      ["Neil Armstrong", "proper name"], ["Secretary General", "proper name"], ["Acme Widgets Inc", "proper name"]
    ])
  })

  it("drops the first word of a run that starts a sentence", () => {
    expect(pairs("Neil Armstrong flew. The Apollo Program ended.\nKenya Airways", "en")).toEqual([
      ["Apollo Program", "proper name"], ["Kenya", "country"]
    ])
  })

  it("prefers the longest find, and the gazetteer over a proper name of the same length", () => {
    expect(pairs("They flew with Kenya Airways to the United States.", "en")).toEqual([
      ["Kenya Airways", "proper name"], ["United States", "country"]
    ])
  })

  it("finds no proper names in German, which capitalises every noun", () => {
    expect(pairs("Gestern hat die Bundesregierung Neue Regeln für Frankreich im März 2020 beschlossen.", "de")).toEqual([
      ["Frankreich", "country"], ["März", "month"], ["2020", "year"]
    ])
  })

  it("applies the proper-name rule to Cyrillic", () => {
    expect(pairs("Вчера Владимир Путин приехал.", "ru")).toEqual([["Владимир Путин", "proper name"]])
  })

  it("lists every occurrence, in order", () => {
    expect(pairs("Kenya, Kenya and Kenya", "en")).toEqual([["Kenya", "country"], ["Kenya", "country"], ["Kenya", "country"]])
  })

  it("counts offsets in code points", () => {
    const [mention] = annotate("😀 Kenya", "en")
    expect(mention).toEqual({ mention: "Kenya", label: "country", start: 2, end: 7 })
  })

  it("has no gazetteer for a language ICU does not know, and says nothing it cannot back", () => {
    expect(pairs("Kenya 2020", "ilo")).toEqual([["2020", "year"]])
  })
})
