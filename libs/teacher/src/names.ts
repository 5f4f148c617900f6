import type { Find } from "./dictionary.ts"
import { type Knowledge, knowledgeOf } from "./knowledge.ts"
import { type Token, tokensOf } from "./tokens.ts"

const acronym = /^\p{Lu}[\p{Lu}\p{N}]{1,5}$/u
const romanNumeral = /^[IVXLCDM]+$/u

/** Longest abbreviation taken for an organisation; longer all-capital words are mostly shouted words or names. */
const longestAcronym = 5

/**
 * Chains of capitalised words, typed by the cues inside them or before them:
 * - a chain holding a head noun ("University of Oxford", "Hrvatska narodna banka", "Cagayan River") -> its label;
 *   a head noun alone counts only where it does not open a sentence ("o Governo");
 * - a run after a title ("President Obama", "predsjednik Josipović", "Mr. Smith") -> person;
 * - a run of 2-4 words opening with a given name, or of 2-3 ending with a family name -> person;
 * - a lone given name -> person; a lone abbreviation in capitals ("NATO", "NATO-a") -> organization;
 * - other runs of 2 or more words -> proper name.
 * A word that opens a sentence is dropped unless it is a given name, a place, an abbreviation or a head noun: its
 * capital says nothing. Month and weekday names end a chain: they belong to dates, not names. In isiXhosa a
 * noun-class prefix types the chain it opens ("uPitso Mosimane" -> person, "eKapa" -> region, "iPirates" ->
 * organization).
 */
export const nameFinds = (text: string, lang: string): Array<Find> => {
  const tokens = tokensOf(text, lang)
  const know = knowledgeOf(lang)
  const finds: Array<Find> = []
  const span = (first: number, last: number, label: string) => {
    const token = tokens[last]
    // A regnal number takes its ordinal full stop where the language writes one: Slovak "Alexander III."
    const dot = know.ordinalDot && romanNumeral.test(token.text) && token.after.startsWith(".") ? 1 : 0
    finds.push({ start: tokens[first].start, end: token.end + dot, label })
  }
  const isNameWord = (token: Token | undefined) =>
    token !== undefined && token.capitalised && know.classOf(token.text) === undefined &&
    !know.isCalendar(token.text) && !know.isConnector(token.text)
  let index = 0
  while (index < tokens.length) {
    // A word with a noun-class prefix opens a chain of its own: "uPitso Mosimane", "eMzantsi Afrika".
    if (!isNameWord(tokens[index]) && know.classOf(tokens[index].text) === undefined) {
      index++
      continue
    }
    let last = index
    for (;;) {
      if (!tokens[last].joined) break
      const next = tokens[last + 1]
      if (isNameWord(next)) {
        last++
        continue
      }
      // A function word, perhaps with an article, inside a name: "Bank of England", "Assembleia de a República".
      if (next !== undefined && next.joined && know.isConnector(next.text)) {
        const article = know.isArticle(tokens[last + 2]?.text ?? "") && tokens[last + 2].joined ? 1 : 0
        if (isNameWord(tokens[last + 2 + article])) {
          last += 2 + article
          continue
        }
      }
      const head = know.lowerCaseHeads ? lowerCaseHead(tokens, last, know) : -1
      if (head === -1) break
      last = head
    }
    classify(tokens, index, last, know, span)
    index = last + 1
  }
  return finds
}

/** At most one lower-case word, then a lower-case head noun: "Hrvatska narodna banka", "Ejby kommune". */
const lowerCaseHead = (tokens: ReadonlyArray<Token>, last: number, know: Knowledge): number => {
  for (let ahead = last + 1; ahead <= last + 2 && ahead < tokens.length; ahead++) {
    if (tokens[ahead].capitalised) return -1
    if (know.head(tokens[ahead].text) !== undefined) return ahead
    if (!tokens[ahead].joined) return -1
  }
  return -1
}

type Span = (first: number, last: number, label: string) => void

const classify = (tokens: ReadonlyArray<Token>, first: number, last: number, know: Knowledge, span: Span) => {
  const marked = know.classOf(tokens[first].text)
  if (marked !== undefined) return span(first, last, marked)
  for (let at = first; at <= last; at++) {
    const label = know.head(tokens[at].text)
    if (label === undefined) continue
    // Titles before the name are not part of it: "Secretary General of Acme Widgets Inc".
    let start = first
    while (start < at && know.isTitle(tokens[start].text)) start++
    while (start < at && (know.isConnector(tokens[start].text) || know.isArticle(tokens[start].text))) start++
    // The capital of a sentence's first word says nothing, unless the word is a name itself ("Kenya Airways").
    const opener = tokens[start]
    const dropped = start === first && start < at && opener.opensSentence && !know.isGiven(opener.text) &&
      !know.isPlace(opener.text)
    if (dropped) start++
    // A head noun alone names the organisation mid-sentence ("o Governo") but is the common noun opening one; a
    // compound ending in one ("Forsvarsministeriet") is a name anywhere.
    const alone = start === last && !dropped && (!tokens[start].opensSentence || know.isCompound(tokens[start].text))
    if ((start < last || alone) && tokens[start].capitalised) return span(start, last, label)
    break
  }
  // No organisation or place: the chain's runs of capitalised words, split at function words and lower-case words.
  let runStart = first
  for (let at = first; at <= last + 1; at++) {
    if (at === last + 1 || !tokens[at].capitalised || know.isConnector(tokens[at].text)) {
      if (at > runStart) classifyRun(tokens, runStart, at - 1, know, span)
      runStart = at + 1
    }
  }
}

const classifyRun = (tokens: ReadonlyArray<Token>, first: number, last: number, know: Knowledge, span: Span) => {
  let start = first
  const before = tokens[first - 1]
  // "Mr. Smith": a title, then at most a full stop and a space.
  let titled = before !== undefined && before.end + 2 >= tokens[first].start && know.isTitle(before.text)
  while (start <= last && know.isTitle(tokens[start].text)) {
    start++
    titled = true
  }
  if (start > last) return
  const opener = tokens[start]
  if (!titled && opener.opensSentence && !know.isOwnGiven(opener.text) && !acronym.test(opener.text)) start++
  if (start > last) return
  // Places before a person's name are left to the gazetteer: "Marekani Joe Biden", "Srbije Boris Tadić".
  let person = start
  while (person < last && know.isPlace(tokens[person].text)) person++
  const length = last - person + 1
  if (titled && length <= 4) return span(person, last, "person")
  if (length >= 2 && length <= 4 && know.isGiven(tokens[person].text)) return span(person, last, "person")
  if (length >= 2 && length <= 3 && know.isFamily(tokens[last].text)) return span(person, last, "person")
  if (last > start) return span(start, last, "proper name")
  const token = tokens[start]
  if (!token.opensSentence && know.isGiven(token.text)) return span(start, start, "person")
  const word = token.text.replace(/[-:]\p{Ll}{1,3}$/u, "")
  // Not a unit after a number ("5 PM") nor a currency ("US$").
  const afterNumber = before !== undefined && /^\p{N}/u.test(before.text)
  const money = /^\p{Sc}/u.test(token.after)
  if (acronym.test(word) && word.length <= longestAcronym && !romanNumeral.test(word) && !afterNumber && !money) {
    span(start, start, "organization")
  }
}
