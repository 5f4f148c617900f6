import { type Encoding, splitTag, type State } from "./tag.ts"

/**
 * A tag that may not follow the one before it. `index` is the token whose tag is `to`; the sentence is read as
 * if an O came before its first token and after its last, so `from` is "O" at index 0, and a sentence that
 * may not end where it does (BIOES `B-X` last) gives `index` = the sentence length and `to` = "O".
 */
export interface InvalidTransition {
  readonly index: number
  readonly from: string
  readonly to: string
}

type Transitions = ReadonlySet<`${State}${State}`>

/**
 * SeqScore's transition tables (seqscore_lib/encoding.py, which drops the same-type B->B and B->S its older
 * seqscore/encoding.py allowed for BIOES): the pairs of states allowed between two tags of the same
 * type (O to O counts as same-type) and between tags of different types (O counts as a type of its own).
 * A state the encoding does not have (E- in BIO) is in no pair, so every transition into or out of it is invalid.
 * - BIO: I-X only after B-X or I-X; B-X and O after anything.
 * - IOB: B-X only right after B-X or I-X of the same type (it splits two adjacent same-type mentions);
 *   I-X and O after anything.
 * - BIOES: B-X and S-X only after O, E- or S-; I-X and E-X only after B-X or I-X of the same type; O only after
 *   O, E- or S- (so a mention opened by B- must be closed by E-, also at the sentence end).
 */
const rules: Record<Encoding, { readonly same: Transitions; readonly different: Transitions }> = {
  BIO: {
    same: new Set(["BI", "BB", "II", "IB", "OO"]),
    different: new Set(["BB", "BO", "IB", "IO", "OB"])
  },
  IOB: {
    same: new Set(["BB", "BI", "II", "IB", "OO"]),
    different: new Set(["BI", "BO", "II", "IO", "OI"])
  },
  BIOES: {
    same: new Set(["BI", "BE", "II", "IE", "EB", "ES", "SB", "SS", "OO"]),
    different: new Set(["EB", "EO", "ES", "SB", "SO", "SS", "OB", "OS"])
  }
}

/** Whether the tag `to` may follow the tag `from` in the encoding. */
export const isValidTransition = (from: string, to: string, encoding: Encoding): boolean => {
  const before = splitTag(from)
  const after = splitTag(to)
  const table = before.type === after.type ? rules[encoding].same : rules[encoding].different
  return table.has(`${before.state}${after.state}`)
}

/** Every invalid transition in a sentence's tags, in order, the one into the implied O after the end last. */
export const validate = (tags: ReadonlyArray<string>, encoding: Encoding): Array<InvalidTransition> => {
  const invalid: Array<InvalidTransition> = []
  const framed = [...tags, "O"]
  let from = "O"
  framed.forEach((to, index) => {
    if (!isValidTransition(from, to, encoding)) invalid.push({ index, from, to })
    from = to
  })
  return invalid
}
