import type { Find } from "./dictionary.ts"

/**
 * Thai writes a person's title glued to the given name, then a space and the family name: "นายจุรินทร์
 * ลักษณวิศิษฏ์" (Mr Jurin Laksanawisit), "พล.อ.ประวิตร วงษ์สุวรรณ" (General Prawit Wongsuwan). Titles: Mr, Mrs,
 * Miss, Dr, and the commonest military and police ranks. "นายก" opens "นายกรัฐมนตรี" (prime minister), not a name.
 */
const titles = [
  "นางสาว", "นาย(?!ก(?:รัฐมนตรี|เทศมนตรี|สมาคม|ฯ))", "นาง", "ดร\\.", "พล\\.อ\\.", "พล\\.ต\\.อ\\.", "พล\\.ต\\.ท\\.",
  "พ\\.ต\\.อ\\.", "พ\\.ต\\.ท\\.", "พ\\.อ\\.", "ร\\.ต\\.อ\\."
]

/**
 * Words that follow a name and are not a family name: say, get, will, still, and, state, be, not, have, that,
 * which, by, that (conjunction), give, also.
 */
const notFamilyNames = ["กล่าว", "ได้", "จะ", "ยัง", "และ", "ระบุ", "เป็น", "ไม่", "มี", "ที่", "ซึ่ง", "โดย", "ว่า", "ให้", "ก็"]

const thaiLetters = "[\\u0E00-\\u0E7F]"
const pattern = new RegExp(
  `(?:${titles.join("|")})${thaiLetters}{2,}(?: (?!${notFamilyNames.join("|")})${thaiLetters}+)?`,
  "gu"
)

/** Titled person names in Thai text, title included (as ThaiNER marks them); each -> "person". */
export const thaiPersonFinds = (text: string): Array<Find> =>
  [...text.matchAll(pattern)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    label: "person"
  }))
