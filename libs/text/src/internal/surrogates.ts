/** UTF-16 surrogates: a high one followed by a low one is one code point outside the Basic Multilingual Plane. */
export const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff
export const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff

/** Whether a code point starts at UTF-16 index `index`: anywhere but on the low half of a surrogate pair. */
export const startsCodePoint = (text: string, index: number): boolean =>
  !(index > 0 && isLowSurrogate(text.charCodeAt(index)) && isHighSurrogate(text.charCodeAt(index - 1)))
