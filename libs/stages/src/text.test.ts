import { Schema } from "effect"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { alignMentions } from "#annotation"
import { chunkPassage } from "#corpus"
import { toSentenceRecords } from "#formats"
import { Language, Script } from "#schema"
import { FEATURE_NAMES, passageFeatures } from "#scoring"
import { annotate } from "#teacher"
import { codePointOffsets, sentenceSpans, sentenceWords, wordSpans } from "#text"

/**
 * Every user of #text gives the same answer on the 25 scripts: chunking's and the scorer's word counts, export's
 * sentences, the teacher's sentence starts and everyone's code point offsets. The expected values are counted by
 * hand (code points as Python's `len` counts them), never computed with the code under test.
 */
interface Sample {
  readonly script: Script
  /** A language of that script; its writing comes from its language.json. */
  readonly code: string
  readonly text: string
  /** Words: runs of non-space holding a letter, mark or number; for segmenter scripts, ICU's cut (given). */
  readonly words: number
  readonly sentences: ReadonlyArray<string>
  /** Where each sentence starts, in code points. */
  readonly sentenceStarts: ReadonlyArray<number>
  /** The first word of each sentence. */
  readonly openers: ReadonlyArray<string>
  /** A mention and its code point offsets, end exclusive. */
  readonly mention: { readonly text: string; readonly start: number; readonly end: number }
  /** For cased scripts: the teacher's proper names, a run that opens a sentence losing its first word. */
  readonly properNames?: ReadonlyArray<string>
}

const samples: ReadonlyArray<Sample> = [
  {
    // A Gothic word (four letters outside the BMP) inside a Latin sentence. The full stop before a closing bracket
    // ends the sentence, so "Bishop" opens the next one for every user.
    script: "Latn",
    code: "eng_Latn",
    text: "The Gothic word 𐌰𐍄𐍄𐌰 means father (see the Bible.) Bishop Wulfila Smith wrote it in Lower Moesia.",
    words: 17,
    sentences: ["The Gothic word 𐌰𐍄𐍄𐌰 means father (see the Bible.)", "Bishop Wulfila Smith wrote it in Lower Moesia."],
    sentenceStarts: [0, 51],
    openers: ["The", "Bishop"],
    mention: { text: "Moesia", start: 90, end: 96 },
    properNames: ["Wulfila Smith", "Lower Moesia"]
  },
  {
    // An emoji (no word) and Osage letters; "Russland" inside "Russlands" is no mention of it.
    script: "Latn",
    code: "deu_Latn",
    text: "Die Politik Russlands 😀 ist alt. Osage 𐓏𐒰𐓓𐒻 liegt nicht in Russland.",
    words: 11,
    sentences: ["Die Politik Russlands 😀 ist alt.", "Osage 𐓏𐒰𐓓𐒻 liegt nicht in Russland."],
    sentenceStarts: [0, 33],
    openers: ["Die", "Osage"],
    mention: { text: "Russland", start: 59, end: 67 },
    properNames: []
  },
  {
    script: "Cyrl",
    code: "rus_Cyrl",
    text: "Мы были в Сибири. Вчера Владимир Путин приехал в Иркутск.",
    words: 10,
    sentences: ["Мы были в Сибири.", "Вчера Владимир Путин приехал в Иркутск."],
    sentenceStarts: [0, 18],
    openers: ["Мы", "Вчера"],
    mention: { text: "Иркутск", start: 49, end: 56 },
    properNames: ["Владимир Путин"]
  },
  {
    script: "Arab",
    code: "arb_Arab",
    text: "تقع مدينة فاس في المغرب. زرت القاهرة عام 2020.",
    words: 9,
    sentences: ["تقع مدينة فاس في المغرب.", "زرت القاهرة عام 2020."],
    sentenceStarts: [0, 25],
    openers: ["تقع", "زرت"],
    mention: { text: "القاهرة", start: 29, end: 36 }
  },
  {
    script: "Deva",
    code: "hin_Deva",
    text: "गंगा नदी हिमालय से निकलती है। मैं वाराणसी गया।",
    words: 9,
    sentences: ["गंगा नदी हिमालय से निकलती है।", "मैं वाराणसी गया।"],
    sentenceStarts: [0, 30],
    openers: ["गंगा", "मैं"],
    mention: { text: "वाराणसी", start: 34, end: 41 }
  },
  {
    script: "Beng",
    code: "ben_Beng",
    text: "আমি ঢাকায় থাকি। রবীন্দ্রনাথ কলকাতায় জন্মেছিলেন।",
    words: 6,
    sentences: ["আমি ঢাকায় থাকি।", "রবীন্দ্রনাথ কলকাতায় জন্মেছিলেন।"],
    sentenceStarts: [0, 17],
    openers: ["আমি", "রবীন্দ্রনাথ"],
    mention: { text: "রবীন্দ্রনাথ", start: 17, end: 28 }
  },
  {
    script: "Hebr",
    code: "heb_Hebr",
    text: "ירושלים היא עיר עתיקה. דוד גר בחיפה.",
    words: 7,
    sentences: ["ירושלים היא עיר עתיקה.", "דוד גר בחיפה."],
    sentenceStarts: [0, 23],
    openers: ["ירושלים", "דוד"],
    mention: { text: "דוד", start: 23, end: 26 }
  },
  {
    // The second sentence separates its words with the Ethiopic wordspace "፡".
    script: "Ethi",
    code: "amh_Ethi",
    text: "አዲስ አበባ ትልቅ ከተማ ናት። አበበ፡በቢቂላ፡ሮጠ።",
    words: 8,
    sentences: ["አዲስ አበባ ትልቅ ከተማ ናት።", "አበበ፡በቢቂላ፡ሮጠ።"],
    sentenceStarts: [0, 20],
    openers: ["አዲስ", "አበበ"],
    mention: { text: "አበበ", start: 20, end: 23 }
  },
  {
    // Two CJK Extension B characters (two UTF-16 units each). ICU: 𠀀 𠀁 村 的 李 明 去了 北京 | 他 明天 回 上海.
    script: "Hani",
    code: "cmn_Hani",
    text: "𠀀𠀁村的李明去了北京。他明天回上海。",
    words: 12,
    sentences: ["𠀀𠀁村的李明去了北京。", "他明天回上海。"],
    sentenceStarts: [0, 11],
    openers: ["𠀀", "他"],
    mention: { text: "上海", start: 15, end: 17 }
  },
  {
    script: "Grek",
    code: "ell_Grek",
    text: "Η Αθήνα είναι μεγάλη. Χθες ο Γιώργος Παπαδόπουλος ήρθε.",
    words: 9,
    sentences: ["Η Αθήνα είναι μεγάλη.", "Χθες ο Γιώργος Παπαδόπουλος ήρθε."],
    sentenceStarts: [0, 22],
    openers: ["Η", "Χθες"],
    mention: { text: "Γιώργος", start: 29, end: 36 },
    // "Η Αθήνα" opens the text: without its first word one word is left, no run.
    properNames: ["Γιώργος Παπαδόπουλος"]
  },
  {
    script: "Gujr",
    code: "guj_Gujr",
    text: "અમદાવાદ મોટું શહેર છે. ગાંધીજી સાબરમતી આશ્રમમાં રહ્યા.",
    words: 8,
    sentences: ["અમદાવાદ મોટું શહેર છે.", "ગાંધીજી સાબરમતી આશ્રમમાં રહ્યા."],
    sentenceStarts: [0, 23],
    openers: ["અમદાવાદ", "ગાંધીજી"],
    mention: { text: "ગાંધીજી", start: 23, end: 30 }
  },
  {
    script: "Armn",
    code: "hye_Armn",
    text: "Երևանը մեծ քաղաք է։ Այսօր Արամ Խաչատրյան եկավ։",
    words: 8,
    sentences: ["Երևանը մեծ քաղաք է։", "Այսօր Արամ Խաչատրյան եկավ։"],
    sentenceStarts: [0, 20],
    openers: ["Երևանը", "Այսօր"],
    mention: { text: "Արամ", start: 26, end: 30 },
    properNames: ["Արամ Խաչատրյան"]
  },
  {
    // An emoji, no word. ICU: 富士山 は 日本 で 最も 高い 山 です | 葛飾 北斎 が 描 き ま した.
    script: "Jpan",
    code: "jpn_Jpan",
    text: "富士山🗻は日本で最も高い山です。葛飾北斎が描きました。",
    words: 15,
    sentences: ["富士山🗻は日本で最も高い山です。", "葛飾北斎が描きました。"],
    sentenceStarts: [0, 16],
    openers: ["富士山", "葛飾"],
    mention: { text: "葛飾北斎", start: 16, end: 20 }
  },
  {
    script: "Knda",
    code: "kan_Knda",
    text: "ಬೆಂಗಳೂರು ದೊಡ್ಡ ನಗರ. ಕುವೆಂಪು ಮೈಸೂರಿನಲ್ಲಿ ಓದಿದರು.",
    words: 6,
    sentences: ["ಬೆಂಗಳೂರು ದೊಡ್ಡ ನಗರ.", "ಕುವೆಂಪು ಮೈಸೂರಿನಲ್ಲಿ ಓದಿದರು."],
    sentenceStarts: [0, 20],
    openers: ["ಬೆಂಗಳೂರು", "ಕುವೆಂಪು"],
    mention: { text: "ಕುವೆಂಪು", start: 20, end: 27 }
  },
  {
    script: "Geor",
    code: "kat_Geor",
    text: "თბილისი დიდი ქალაქია. გიორგი ბათუმში ცხოვრობს.",
    words: 6,
    sentences: ["თბილისი დიდი ქალაქია.", "გიორგი ბათუმში ცხოვრობს."],
    sentenceStarts: [0, 22],
    openers: ["თბილისი", "გიორგი"],
    mention: { text: "გიორგი", start: 22, end: 28 }
  },
  {
    // ICU: ភ្នំពេញ ជាទី ក្រុង ធំ | សុខា ទៅ សៀមរាប.
    script: "Khmr",
    code: "khm_Khmr",
    text: "ភ្នំពេញជាទីក្រុងធំ។ សុខាទៅសៀមរាប។",
    words: 7,
    sentences: ["ភ្នំពេញជាទីក្រុងធំ។", "សុខាទៅសៀមរាប។"],
    sentenceStarts: [0, 20],
    openers: ["ភ្នំពេញ", "សុខា"],
    mention: { text: "សៀមរាប", start: 26, end: 32 }
  },
  {
    script: "Hang",
    code: "kor_Hang",
    text: "서울은 큰 도시입니다. 김철수 씨는 부산 해운대에 갔습니다.",
    words: 8,
    sentences: ["서울은 큰 도시입니다.", "김철수 씨는 부산 해운대에 갔습니다."],
    sentenceStarts: [0, 13],
    openers: ["서울은", "김철수"],
    mention: { text: "부산", start: 20, end: 22 }
  },
  {
    // Sentences end at the line break. ICU: ວຽງຈັນ ເປັນ ນະຄອນຫຼວງ | ສົມ ພອນ ໄປ ຫຼວງພະບາງ.
    script: "Laoo",
    code: "lao_Laoo",
    text: "ວຽງຈັນເປັນນະຄອນຫຼວງ\nສົມພອນໄປຫຼວງພະບາງ",
    words: 7,
    sentences: ["ວຽງຈັນເປັນນະຄອນຫຼວງ", "ສົມພອນໄປຫຼວງພະບາງ"],
    sentenceStarts: [0, 20],
    openers: ["ວຽງຈັນ", "ສົມ"],
    mention: { text: "ຫຼວງພະບາງ", start: 28, end: 37 }
  },
  {
    script: "Mlym",
    code: "mal_Mlym",
    text: "കൊച്ചി വലിയ നഗരമാണ്. മോഹൻലാൽ തൃശ്ശൂരിൽ പോയി.",
    words: 6,
    sentences: ["കൊച്ചി വലിയ നഗരമാണ്.", "മോഹൻലാൽ തൃശ്ശൂരിൽ പോയി."],
    sentenceStarts: [0, 21],
    openers: ["കൊച്ചി", "മോഹൻലാൽ"],
    mention: { text: "മോഹൻലാൽ", start: 21, end: 28 }
  },
  {
    // ICU: ရန် ကုန်သည် မြို့ ကြီး ဖြစ်သည် | အောင် ဆန်း စု ကြည် နေပြည်တော် သို့ သွား သည်.
    script: "Mymr",
    code: "mya_Mymr",
    text: "ရန်ကုန်သည် မြို့ကြီးဖြစ်သည်။ အောင်ဆန်းစုကြည် နေပြည်တော်သို့ သွားသည်။",
    words: 13,
    sentences: ["ရန်ကုန်သည် မြို့ကြီးဖြစ်သည်။", "အောင်ဆန်းစုကြည် နေပြည်တော်သို့ သွားသည်။"],
    sentenceStarts: [0, 29],
    openers: ["ရန်", "အောင်"],
    mention: { text: "နေပြည်တော်", start: 45, end: 55 }
  },
  {
    script: "Orya",
    code: "ory_Orya",
    text: "ଭୁବନେଶ୍ୱର ଏକ ସହର। ରାମ କଟକ ଗଲେ।",
    words: 6,
    sentences: ["ଭୁବନେଶ୍ୱର ଏକ ସହର।", "ରାମ କଟକ ଗଲେ।"],
    sentenceStarts: [0, 18],
    openers: ["ଭୁବନେଶ୍ୱର", "ରାମ"],
    mention: { text: "କଟକ", start: 22, end: 25 }
  },
  {
    script: "Guru",
    code: "pan_Guru",
    text: "ਅੰਮ੍ਰਿਤਸਰ ਵੱਡਾ ਸ਼ਹਿਰ ਹੈ। ਹਰਪ੍ਰੀਤ ਲੁਧਿਆਣਾ ਗਈ।",
    words: 7,
    sentences: ["ਅੰਮ੍ਰਿਤਸਰ ਵੱਡਾ ਸ਼ਹਿਰ ਹੈ।", "ਹਰਪ੍ਰੀਤ ਲੁਧਿਆਣਾ ਗਈ।"],
    sentenceStarts: [0, 25],
    openers: ["ਅੰਮ੍ਰਿਤਸਰ", "ਹਰਪ੍ਰੀਤ"],
    mention: { text: "ਲੁਧਿਆਣਾ", start: 33, end: 40 }
  },
  {
    script: "Sinh",
    code: "sin_Sinh",
    text: "කොළඹ විශාල නගරයකි. සුනිල් මහනුවරට ගියේය.",
    words: 6,
    sentences: ["කොළඹ විශාල නගරයකි.", "සුනිල් මහනුවරට ගියේය."],
    sentenceStarts: [0, 19],
    openers: ["කොළඹ", "සුනිල්"],
    mention: { text: "සුනිල්", start: 19, end: 25 }
  },
  {
    script: "Taml",
    code: "tam_Taml",
    text: "சென்னை பெரிய நகரம். கமலா மதுரை சென்றார்.",
    words: 6,
    sentences: ["சென்னை பெரிய நகரம்.", "கமலா மதுரை சென்றார்."],
    sentenceStarts: [0, 20],
    openers: ["சென்னை", "கமலா"],
    mention: { text: "மதுரை", start: 25, end: 30 }
  },
  {
    script: "Telu",
    code: "tel_Telu",
    text: "హైదరాబాద్ పెద్ద నగరం. రాము విజయవాడ వెళ్ళాడు.",
    words: 6,
    sentences: ["హైదరాబాద్ పెద్ద నగరం.", "రాము విజయవాడ వెళ్ళాడు."],
    sentenceStarts: [0, 22],
    openers: ["హైదరాబాద్", "రాము"],
    mention: { text: "విజయవాడ", start: 27, end: 34 }
  },
  {
    // Sentences end at the line break. ICU: กรุงเทพมหานคร เป็น เมือง หลวง | สมชาย ไป เชียงใหม่.
    script: "Thai",
    code: "tha_Thai",
    text: "กรุงเทพมหานครเป็นเมืองหลวง\nสมชายไปเชียงใหม่",
    words: 7,
    sentences: ["กรุงเทพมหานครเป็นเมืองหลวง", "สมชายไปเชียงใหม่"],
    sentenceStarts: [0, 27],
    openers: ["กรุงเทพมหานคร", "สมชาย"],
    mention: { text: "เชียงใหม่", start: 34, end: 43 }
  }
]

const languageOf = (code: string): Language =>
  Schema.decodeUnknownSync(Language)(
    JSON.parse(readFileSync(new URL(`../../../languages/${code}/language.json`, import.meta.url), "utf8"))
  )

/** Slices by code points without #text: what a Python reader of the output does. */
const slice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join("")

describe("one answer on the 25 scripts", () => {
  it("has a sample for every script, each in a language of that script", () => {
    expect(new Set(samples.map((sample) => sample.script))).toEqual(new Set(Script.literals))
    for (const sample of samples) expect(languageOf(sample.code).script, sample.code).toBe(sample.script)
  })

  describe.each(samples.map((sample) => [`${sample.code}`, sample] as const))("%s", (_, sample) => {
    const language = languageOf(sample.code)
    const { writing } = language
    const { text } = sample

    it("counts the same words in #text, chunking and the scorer", () => {
      expect(wordSpans(text, writing)).toHaveLength(sample.words)
      const chunks = chunkPassage(text, { ...writing, size: 256 })
      expect(chunks).toEqual([{ text, words: sample.words }])
      const words = passageFeatures(text, writing)[FEATURE_NAMES.indexOf("words")]
      expect(words).toBeCloseTo(Math.log1p(sample.words) / Math.log1p(256), 6)
    })

    it("ends a chunk where #text's sentence ends, its closing punctuation included", () => {
      const words = sentenceWords(text, writing)
      const inFirstSentence = words.findIndex((word) => word.endsSentence) + 1
      const chunks = chunkPassage(text, { ...writing, size: inFirstSentence })
      expect(chunks[0]).toEqual({ text: sample.sentences[0], words: inFirstSentence })
      expect(chunks.reduce((sum, chunk) => sum + chunk.words, 0)).toBe(sample.words)
    })

    it("gives export the sentences of #text, with code point offsets", () => {
      const spans = sentenceSpans(text, writing.locale)
      expect(spans.map((span) => text.slice(span.start, span.end))).toEqual(sample.sentences)
      const offsets = codePointOffsets(text)
      expect(spans.map((span) => offsets[span.start])).toEqual(sample.sentenceStarts)
      sample.sentences.forEach((sentence, index) => {
        const start = sample.sentenceStarts[index]
        expect(slice(text, start, start + Array.from(sentence).length)).toBe(sentence)
      })

      const { mention } = sample
      const { records, droppedAcrossSentences } = toSentenceRecords(
        { document: "d", text, mentions: [{ ...mention, mention: mention.text, label: "name" }] },
        writing.locale
      )
      expect(droppedAcrossSentences).toBe(0)
      expect(records.map((record) => record.text)).toEqual(sample.sentences)
      const rebased = { start: mention.start - sample.sentenceStarts[1], end: mention.end - sample.sentenceStarts[1] }
      expect(records.map((record) => record.char_spans)).toEqual([[], [{ ...rebased, label: "name" }]])
      expect(slice(records[1].text, rebased.start, rebased.end)).toBe(mention.text)
    })

    it("opens sentences at the same words for #text and the teacher", () => {
      const opening = sentenceWords(text, writing).filter((word) => word.opensSentence)
      expect(opening.map((word) => text.slice(word.start, word.end))).toEqual(sample.openers)
      const found = annotate(text, language.bcp47)
      for (const { mention, start, end } of found) expect(slice(text, start, end)).toBe(mention)
      // Only cased scripts have name rules, and with them a notion of a sentence start.
      if (sample.properNames !== undefined) {
        const names = found.filter((m) => m.label === "proper name" || m.label === "person")
        expect(names.map((m) => m.mention)).toEqual(sample.properNames)
      }
    })

    it("aligns a mention to the code point offsets counted by hand", () => {
      const { mention } = sample
      expect(alignMentions(text, [{ mention: mention.text, label: "name" }], { words: writing.words })).toEqual({
        spans: [{ start: mention.start, end: mention.end, label: "name", mention: mention.text }],
        rejected: {}
      })
    })
  })
})
