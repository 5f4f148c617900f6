/**
 * A percentage as SeqScore prints it: Python's `"%.2f" % value`, which rounds the exact binary value of `value`
 * to two decimals and breaks an exact tie to the even last digit (0.125 -> "0.12", 0.375 -> "0.38").
 * `toFixed` also rounds the exact value but breaks ties upwards; an exact tie at the third decimal is an odd
 * multiple of 1/8 (the only dyadic fractions with 5 in the third decimal place), so only those are rounded here.
 */
export const seqscorePercent = (value: number): string => {
  const eighths = Math.abs(value) * 8
  if (!Number.isSafeInteger(eighths) || eighths % 2 === 0) return value.toFixed(2)
  // |value| * 200 is the odd number 25 * eighths; the hundredths either side of it are its halves rounded down and up.
  const twiceHundredths = 25n * BigInt(eighths)
  const up = (twiceHundredths + 1n) / 2n
  const hundredths = up % 2n === 0n ? up : up - 1n
  const sign = value < 0 ? "-" : ""
  return `${sign}${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, "0")}`
}
