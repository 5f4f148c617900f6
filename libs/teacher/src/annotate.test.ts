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
    expect(pairs("январь и января", "ru")).toEqual([["январь", "month"], ["января", "month"]])
  })

  it("takes a month with a day or a year as a date", () => {
    expect(pairs("5 января", "ru")).toEqual([["5 января", "date"]])
    expect(pairs("Mkutano ulifanyika Januari 20, 2021 na Jumanne.", "sw")).toEqual([
      ["Januari 20, 2021", "date"], ["Jumanne", "date"]
    ])
    expect(pairs("Le Kenya en mars 2019.", "fr")).toEqual([["Kenya", "country"], ["mars 2019", "date"]])
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

  it("takes runs of capitalised words that no rule types as proper names, without a sentence's first word", () => {
    expect(pairs("Neil Armstrong flew. The Blue Lagoon Spa opened. We saw the Blue Lagoon Spa.", "en")).toEqual([
      ["Neil Armstrong", "person"], ["Blue Lagoon Spa", "proper name"], ["Blue Lagoon Spa", "proper name"]
    ])
  })

  it("finds a person and an organisation, with their offsets", () => {
    expect(annotate("Angela Merkel visited the University of Oxford.", "en")).toEqual([
      { mention: "Angela Merkel", label: "person", start: 0, end: 13 },
      { mention: "University of Oxford", label: "university", start: 26, end: 46 }
    ])
  })

  it("takes a run opening with a given name, or after a title, as a person", () => {
    expect(pairs("Yesterday Neil Armstrong met Mr. Smith and president Obama.", "en")).toEqual([
      ["Neil Armstrong", "person"], ["Smith", "person"], ["Obama", "person"]
    ])
    expect(pairs("Predsjednik Ivo Josipović", "hr")).toEqual([["Ivo Josipović", "person"]])
  })

  it("types organisations by their head noun, leaving titles out", () => {
    expect(pairs("Yesterday the Secretary General of Acme Widgets Inc met the Bank of England.", "en")).toEqual([
      ["Acme Widgets Inc", "company"], ["Bank of England", "company"]
    ])
    expect(pairs("a Assembleia de a República e o Banco de Portugal", "pt")).toEqual([
      ["Assembleia de a República", "government body"], ["Banco de Portugal", "company"]
    ])
  })

  it("takes a lower-case head noun after a capitalised word where names capitalise only their first word", () => {
    expect(pairs("Ivo Sanader je posjetio Hrvatsku narodnu banku.", "hr")).toEqual([
      ["Ivo Sanader", "person"], ["Hrvatsku narodnu banku", "company"]
    ])
    expect(pairs("Han arbejder i Forsvarsministeriet, ikke i Københavns Kommune.", "da")).toEqual([
      ["Forsvarsministeriet", "government body"], ["Københavns Kommune", "government body"]
    ])
  })

  it("takes a lone head noun for a name mid-sentence only", () => {
    expect(pairs("Ontem o Governo decidiu. Governo decide.", "pt")).toEqual([["Governo", "government body"]])
  })

  it("takes a lone abbreviation in capitals as an organisation, but not a unit after a number", () => {
    expect(pairs("He joined NATO in 1999 and left at 5 PM.", "en")).toEqual([["NATO", "organization"], ["1999", "year"]])
  })

  it("does not take a capitalised common word opening a sentence for a town", () => {
    expect(pairs("Best regards from the team. Most people agree.", "en")).toEqual([])
    expect(pairs("They moved to Rotterdam.", "en")).toEqual([["Rotterdam", "city"]])
  })

  it("finds inflected names, keeping the ending in the mention", () => {
    expect(pairs("Sastanak u Zagrebu i Hrvatskoj, bez NATO-a.", "hr")).toEqual([
      ["Zagrebu", "city"], ["Hrvatskoj", "country"], ["NATO-a", "organization"]
    ])
    expect(pairs("Kenyas huvudstad", "sv")).toEqual([["Kenyas", "country"]])
    expect(pairs("Za vlády Alexandra III. bolo zle.", "sk")).toEqual([["Alexandra III.", "person"]])
  })

  it("reads isiXhosa noun-class prefixes before names", () => {
    expect(pairs("uPitso Mosimane ufike eKapa ngoLwesihlanu.", "xh")).toEqual([
      ["uPitso Mosimane", "person"], ["eKapa", "region"], ["ngoLwesihlanu", "date"]
    ])
  })

  it("takes a place's head noun as a place", () => {
    expect(pairs("Ganito ang Maria Cristina Falls sa Mindanao.", "fil")).toEqual([["Maria Cristina Falls", "region"]])
  })

  it("types a chain by its head noun, and takes no ambiguous word for one (United: a country, a club, the UN)", () => {
    expect(pairs("The United Nations met in New York and Blackburn Rovers lost.", "en")).toEqual([
      ["United Nations", "organization"], ["New York", "city"], ["Blackburn Rovers", "sports team"]
    ])
  })

  it("prefers the longest find, and the gazetteer over a typed name of the same length", () => {
    expect(pairs("They flew with Kenya Airways to the United States.", "en")).toEqual([
      ["Kenya Airways", "company"], ["United States", "country"]
    ])
  })

  it("finds no capitalised-name rules in German, which capitalises every noun", () => {
    expect(pairs("Gestern hat die Bundesregierung Neue Regeln für Frankreich im März beschlossen.", "de")).toEqual([
      ["Frankreich", "country"], ["März", "month"]
    ])
  })

  it("applies the name rules to Cyrillic", () => {
    expect(pairs("Вчера Владимир Путин приехал.", "ru")).toEqual([["Владимир Путин", "person"]])
  })

  it("takes a Thai title glued to a name, and the family name after it, as a person", () => {
    expect(pairs("นายจุรินทร์ ลักษณวิศิษฏ์ กล่าวว่า", "th")).toEqual([["นายจุรินทร์ ลักษณวิศิษฏ์", "person"]])
    // "กล่าวว่า" (said) is no family name; "นายกรัฐมนตรี" (prime minister) no title.
    expect(pairs("นายจุรินทร์ กล่าวว่า นายกรัฐมนตรี", "th")).toEqual([["นายจุรินทร์", "person"]])
    expect(pairs("วันที่ 5 มกราคม 2563", "th")).toEqual([["5 มกราคม 2563", "date"]])
  })

  it("finds Chinese cities from faker's zh_CN locale", () => {
    expect(pairs("我在上海和北京工作", "zh-Hans")).toEqual([["上海", "city"], ["北京", "city"]])
  })

  it("lists every occurrence, in order", () => {
    expect(pairs("Kenya, Kenya and Kenya", "en")).toEqual([["Kenya", "country"], ["Kenya", "country"], ["Kenya", "country"]])
  })

  it("counts offsets in code points", () => {
    const [mention] = annotate("😀 Kenya", "en")
    expect(mention).toEqual({ mention: "Kenya", label: "country", start: 2, end: 7 })
  })

  it("falls back to English country names for a language neither ICU nor i18n-iso-countries knows", () => {
    expect(pairs("Kenya 2020", "ilo")).toEqual([["Kenya", "country"], ["2020", "year"]])
  })
})
