// The mcalc lexer: text → tokens. Never throws; an unknown character becomes an `unknown` token.
// It reads character codes, not one-character strings: a long document is tens of thousands of tokens, and the
// lexer is a sixth of a full analysis (bench/: npm run bench).
import type { Token, TokenKind } from './tokens';

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';

/** Letters that may start a name: Latin, Greek and other letters, but not modifier letters such as ᵀ. */
const NAME_START = /[\p{Lu}\p{Ll}\p{Lt}\p{Lo}]/u;
const NAME_PART = /[\p{Lu}\p{Ll}\p{Lt}\p{Lo}\p{Nd}_₀₁₂₃₄₅₆₇₈₉]/u;

/** Single-character tokens, by character code. */
const SINGLE = new Map<number, TokenKind>(Object.entries({
  '(': 'lparen', ')': 'rparen', '{': 'lbrace', '}': 'rbrace', ',': 'comma',
  '=': 'equals', ':': 'colon', '∈': 'in',
  '+': 'plus', '-': 'minus', '−': 'minus', '*': 'star', '·': 'dot', '⋅': 'dot',
  '⊗': 'kron', '⊙': 'hadamard', '∘': 'hadamard', '/': 'slash',
  "'": 'transpose', 'ᵀ': 'transpose', '⊤': 'transpose', '′': 'transpose',
  '^': 'caret', '‖': 'norm', '⟨': 'langle', '⟩': 'rangle', '×': 'times', '∂': 'partial',
} satisfies Record<string, TokenKind>).map(([c, kind]) => [c.charCodeAt(0), kind]));

/** Multi-character tokens, by their first character's code (each list longest first). */
const MULTI = new Map<number, ReadonlyArray<readonly [string, TokenKind]>>();
for (const [s, kind] of [
  ['⁻¹', 'inverse'], ['⁻ᵀ', 'invtranspose'],
  ['.*', 'hadamard'], ['./', 'ediv'], ['.^', 'dotcaret'], ['||', 'norm'],
] as const) {
  const first = s.charCodeAt(0);
  MULTI.set(first, [...(MULTI.get(first) ?? []), [s, kind]]);
}

const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** ⁰ ¹ ² ³ ⁴…⁹: U+2070, U+00B9, U+00B2, U+00B3, U+2074–U+2079. */
const isSuperscriptDigit = (c: number): boolean => c === 0x2070 || c === 0xb9 || c === 0xb2 || c === 0xb3 || (c >= 0x2074 && c <= 0x2079);

/**
 * The names lexed lately, by a hash of their spelling. Most names are written more than once (declared, then used a
 * few lines below), and a name met again gets the string made the first time instead of a new copy. A string kept
 * once is one object less for the collector to move, and the scope's table compares it with its key by identity,
 * without reading the key's characters. Measured in process (interleaved): a 10,000-line file's analysis about 2 ms
 * less, nearly all of it the collector's; 30 of about 460 ms at 100,000 lines. The hash reads every character, so
 * that A_1249 and A_2249 land apart; a slot's string is checked against the text before it is reused.
 */
const NAME_CACHE_SIZE = 1024;
const nameCache: string[] = new Array<string>(NAME_CACHE_SIZE).fill('');

/**
 * V8 makes a slice of 13 code units or more a view into the string it was cut from: kept in the cache, a long name
 * would keep the whole text it was read from (an old version of a long document) alive after its analysis is gone.
 */
const LONGEST_CACHED = 12;

function nameText(text: string, from: number, to: number): string {
  if (to - from > LONGEST_CACHED) return text.slice(from, to);
  let h = to - from;
  for (let k = from; k < to; k++) h = (h * 31 + text.charCodeAt(k)) | 0;
  const slot = h & (NAME_CACHE_SIZE - 1);
  const seen = nameCache[slot]!;
  if (seen.length === to - from && text.startsWith(seen, from)) return seen;
  return (nameCache[slot] = text.slice(from, to));
}

export function lex(text: string, start = 0, end = text.length): Token[] {
  const tokens: Token[] = [];
  let i = start;
  let spaceBefore = true;
  const push = (kind: TokenKind, from: number, to: number): void => {
    tokens.push({ kind, text: kind === 'name' ? nameText(text, from, to) : text.slice(from, to), span: { start: from, end: to }, spaceBefore });
    spaceBefore = false;
  };

  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && i + 1 < end && text.charCodeAt(i + 1) === 10)) {
      // A CRLF line break is one token, so an error "at the end of the line" starts where the line's text ends.
      const width = c === 13 ? 2 : 1;
      push('newline', i, i + width);
      spaceBefore = true;
      i += width;
      continue;
    }
    // space, tab, CR, no-break space, form feed, vertical tab
    if (c === 32 || c === 9 || c === 13 || c === 0xa0 || c === 12 || c === 11) {
      spaceBefore = true;
      i++;
      continue;
    }
    if (c === 35) { // '#': a comment to the end of the line
      while (i < end && text.charCodeAt(i) !== 10) i++;
      spaceBefore = true;
      continue;
    }
    if (isAsciiLetter(c)) {
      const j = nameEnd(text, i + 1, end);
      push('name', i, j);
      i = j;
      continue;
    }
    if (isDigit(c)) {
      let j = i + 1;
      while (j < end && isDigit(text.charCodeAt(j))) j++;
      if (j + 1 < end && text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1))) { // '.' then a digit, before `end`
        j++;
        while (j < end && isDigit(text.charCodeAt(j))) j++;
      }
      // An exponent only when digits follow, so `2e` stays `2` times the name `e`.
      // (At most 12 characters of it, as far as `end`.)
      const e = j < end ? text.charCodeAt(j) : 0;
      if (e === 101 || e === 69) { // 'e' or 'E'
        const limit = Math.min(end, j + 12);
        let k = j + 1;
        const sign = k < limit ? text.charCodeAt(k) : 0;
        if (sign === 43 || sign === 45) k++; // '+' or '-'
        const digitsFrom = k;
        while (k < limit && isDigit(text.charCodeAt(k))) k++;
        if (k > digitsFrom) j = k;
      }
      push('number', i, j);
      i = j;
      continue;
    }
    // Beyond ASCII: letters start names (a letter may take two code units), superscript digits are powers.
    const width = c >= 0xd800 && c <= 0xdbff && text.codePointAt(i)! > 0xffff ? 2 : 1;
    if (c >= 128 && NAME_START.test(text.slice(i, i + width))) {
      const j = nameEnd(text, i + width, end);
      push('name', i, j);
      i = j;
      continue;
    }
    if (isSuperscriptDigit(c)) {
      let j = i + 1;
      while (j < end && isSuperscriptDigit(text.charCodeAt(j))) j++;
      push('superpower', i, j);
      i = j;
      continue;
    }
    const multi = MULTI.get(c)?.find(([s]) => i + s.length <= end && text.startsWith(s, i));
    if (multi) {
      push(multi[1], i, i + multi[0].length);
      i += multi[0].length;
      continue;
    }
    push(SINGLE.get(c) ?? 'unknown', i, i + width);
    i += width;
  }
  tokens.push({ kind: 'eof', text: '', span: { start: end, end }, spaceBefore: true });
  return tokens;
}

/** Where a name that continues at `j` ends: ASCII letters, digits and _ quickly, other letters by their class. */
function nameEnd(text: string, j: number, end: number): number {
  while (j < end) {
    const k = text.charCodeAt(j);
    if (isAsciiLetter(k) || isDigit(k) || k === 95) {
      j++;
      continue;
    }
    if (k < 128) break;
    const cp = text.codePointAt(j)!;
    const c = cp > 0xffff ? String.fromCodePoint(cp) : text[j]!;
    if (!NAME_PART.test(c)) break;
    j += c.length;
  }
  return j;
}

/** The integer value of a run of superscript digits such as `²` or `¹²`. */
export function superscriptValue(text: string): number {
  let v = 0;
  for (const c of text) v = v * 10 + SUPERSCRIPT_DIGITS.indexOf(c);
  return v;
}

/** Subscript digits in names (`W₁`) read as ASCII digits for printers that need ASCII (`W_1`). */
export function asciiSubscripts(name: string): string {
  return name.replace(/[₀-₉]/g, (c) => String(SUBSCRIPT_DIGITS.indexOf(c)));
}
