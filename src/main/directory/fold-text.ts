/**
 * Text folded for matching: lower case, accents and other marks removed, and the Latin letters that
 * do not decompose spelled out ("Müller" → "muller", "Straße" → "strasse", "Øre" → "ore"). Other
 * scripts keep their letters (lower-cased), so a Cyrillic or Chinese name is found as typed; Greek
 * loses its tonos and its final sigma is a sigma ("Νίκος" is found by "νικοσ" and "νικος").
 */
const SPELLED_OUT: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŋ: 'n',
  ς: 'σ'
}
const MARKS = /\p{M}/u
const folded = new Map<string, string>()

/** One character (code point) folded; cached, since names repeat the same few hundred characters. */
function foldChar(char: string): string {
  let result = folded.get(char)
  if (result === undefined) {
    const lower = char.toLowerCase()
    result = SPELLED_OUT[lower] ?? [...lower.normalize('NFD')].filter((part) => !MARKS.test(part)).join('')
    folded.set(char, result)
  }
  return result
}

export function foldText(text: string): string {
  let result = ''
  for (const char of text) result += foldChar(char)
  return result
}

/** Folded text with, for each of its characters, the index of the character it came from in `text`. */
export interface FoldedWithOrigin {
  text: string
  origin: number[]
}

export function foldWithOrigin(text: string): FoldedWithOrigin {
  let result = ''
  const origin: number[] = []
  let index = 0
  for (const char of text) {
    const part = foldChar(char)
    result += part
    for (let i = 0; i < part.length; i += 1) origin.push(index)
    index += char.length
  }
  return { text: result, origin }
}

const WORD = /[\p{L}\p{N}]+/gu

/** The words of folded text (letters and digits; anything else separates them), with where each starts. */
export function wordsOf(folded: string): Array<{ word: string; start: number }> {
  return [...folded.matchAll(WORD)].map((match) => ({ word: match[0], start: match.index }))
}

/** The folded words of `text`, for the index. */
export function foldedWords(text: string): string[] {
  return foldText(text).match(WORD) ?? []
}

const SPELLED_UMLAUT_CHECK = /[aou]e/
const SPELLED_UMLAUT = /([aou])e(?=\p{L})/gu

/**
 * A folded word with German's spelled-out umlauts taken back ("mueller" → "muller", "schroeder" →
 * "schroder"), so that "mueller" finds "Müller" and "muller" finds "Mueller": the index keeps this
 * form of every name word beside the folded one, and a query word is looked up in both forms. Not
 * at a word's end, where "Doe" and "Joe" would lose their "e" (and "doe" typed so far would find "Dorsey").
 */
export function withoutUmlautSpelling(word: string): string {
  return SPELLED_UMLAUT_CHECK.test(word) ? word.replace(SPELLED_UMLAUT, '$1') : word
}
