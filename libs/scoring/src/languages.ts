/**
 * The one owner of how a language detector's codes map to the ISO 639-3 codes of `language.json` (`iso639_3`).
 * cld3 answers in ISO 639-1 where there is one (and the old `iw` for Hebrew); each maps to the individual language
 * FineWeb-2 and this workspace use for it (`sw` -> `swh`, `ar` -> `arb`, `zh` -> `cmn`, `ms` -> `zsm`).
 */
const CLD3_CODES: Readonly<Record<string, string>> = {
  af: "afr", am: "amh", ar: "arb", az: "azj", be: "bel", bg: "bul", bn: "ben", bs: "bos", ca: "cat", ceb: "ceb",
  co: "cos", cs: "ces", cy: "cym", da: "dan", de: "deu", el: "ell", en: "eng", eo: "epo", es: "spa", et: "ekk",
  eu: "eus", fa: "fas", fi: "fin", fil: "fil", fr: "fra", fy: "fry", ga: "gle", gd: "gla", gl: "glg", gu: "guj",
  ha: "hau", haw: "haw", hi: "hin", hmn: "hmn", hr: "hrv", ht: "hat", hu: "hun", hy: "hye", id: "ind", ig: "ibo",
  is: "isl", it: "ita", iw: "heb", ja: "jpn", jv: "jav", ka: "kat", kk: "kaz", km: "khm", kn: "kan", ko: "kor",
  ku: "kmr", ky: "kir", la: "lat", lb: "ltz", lo: "lao", lt: "lit", lv: "lvs", mg: "plt", mi: "mri", mk: "mkd",
  ml: "mal", mn: "khk", mr: "mar", ms: "zsm", mt: "mlt", my: "mya", ne: "npi", nl: "nld", no: "nob", ny: "nya",
  pa: "pan", pl: "pol", ps: "pbt", pt: "por", ro: "ron", ru: "rus", sd: "snd", si: "sin", sk: "slk", sl: "slv",
  sm: "smo", sn: "sna", so: "som", sq: "als", sr: "srp", st: "sot", su: "sun", sv: "swe", sw: "swh", ta: "tam",
  te: "tel", tg: "tgk", th: "tha", tr: "tur", uk: "ukr", ur: "urd", uz: "uzn", vi: "vie", xh: "xho", yi: "ydd",
  yo: "yor", zh: "cmn", zu: "zul",
  // Romanised text of a language is still that language.
  "bg-Latn": "bul", "el-Latn": "ell", "hi-Latn": "hin", "ja-Latn": "jpn", "ru-Latn": "rus", "zh-Latn": "cmn"
}

/**
 * Languages the detector cannot tell apart, each counted as the others: on the FLORES-200 test sentences cld3
 * called 95 of 204 Bosnian sentences Croatian and 74 of 204 Croatian ones Bosnian, 22 of 204 Indonesian ones Malay,
 * 9 of 204 Xhosa ones Zulu and 5 of 204 Danish ones Norwegian. Rejecting those as "another language" would drop
 * good passages of the project's own language.
 */
const CONFUSABLE: ReadonlyArray<ReadonlyArray<string>> = [
  ["bos", "hrv", "srp"],
  ["ind", "zsm"],
  ["xho", "zul"],
  ["dan", "nob"]
]

/** The language detectors the score stage can use. */
export const DETECTORS = ["cld3"] as const
export type Detector = typeof DETECTORS[number]

const CODES: Readonly<Record<Detector, Readonly<Record<string, string>>>> = { cld3: CLD3_CODES }

/** The ISO 639-3 code for a detector's answer, or null when the answer is "undetermined" or unknown to the table. */
export const detectedLanguage = (detector: Detector, code: string): string | null => CODES[detector][code] ?? null

/**
 * Whether the detector can recognise the language at all (cld3 cannot: asm, bre, ckb, gaz, ory, san, uig). For a
 * language it does not know, every sentence is "another language", so the score stage rejects nothing for it.
 */
export const detectorKnows = (detector: Detector, iso639_3: string): boolean =>
  Object.values(CODES[detector]).includes(iso639_3)

/** Whether a detected language counts as the project's own (itself, or one the detector confuses with it). */
export const sameLanguage = (project: string, detected: string): boolean =>
  project === detected || CONFUSABLE.some((group) => group.includes(project) && group.includes(detected))
