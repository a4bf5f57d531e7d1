// The mcalc lexer: text → tokens. Never throws; an unknown character becomes an `unknown` token.
import type { Token, TokenKind } from './tokens';

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';

/** Letters that may start a name: Latin, Greek and other letters, but not modifier letters such as ᵀ. */
const NAME_START = /[\p{Lu}\p{Ll}\p{Lt}\p{Lo}]/u;
const NAME_PART = /[\p{Lu}\p{Ll}\p{Lt}\p{Lo}\p{Nd}_₀₁₂₃₄₅₆₇₈₉]/u;

/** Single-character tokens, by character. */
const SINGLE: Record<string, TokenKind> = {
  '(': 'lparen', ')': 'rparen', '{': 'lbrace', '}': 'rbrace', ',': 'comma',
  '=': 'equals', ':': 'colon', '∈': 'in',
  '+': 'plus', '-': 'minus', '−': 'minus', '*': 'star', '·': 'dot', '⋅': 'dot',
  '⊗': 'kron', '⊙': 'hadamard', '∘': 'hadamard', '/': 'slash',
  "'": 'transpose', 'ᵀ': 'transpose', '⊤': 'transpose', '′': 'transpose',
  '^': 'caret', '‖': 'norm', '⟨': 'langle', '⟩': 'rangle', '×': 'times', '∂': 'partial',
};

/** Multi-character tokens, longest first. */
const MULTI: ReadonlyArray<[string, TokenKind]> = [
  ['⁻¹', 'inverse'], ['⁻ᵀ', 'invtranspose'],
  ['.*', 'hadamard'], ['./', 'ediv'], ['.^', 'dotcaret'], ['||', 'norm'],
];

const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

export function lex(text: string, start = 0, end = text.length): Token[] {
  const tokens: Token[] = [];
  let i = start;
  let spaceBefore = true;
  const push = (kind: TokenKind, from: number, to: number): void => {
    tokens.push({ kind, text: text.slice(from, to), span: { start: from, end: to }, spaceBefore });
    spaceBefore = false;
  };

  while (i < end) {
    const ch = text[i]!;
    if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n' && i + 1 < end)) {
      // A CRLF line break is one token, so an error "at the end of the line" starts where the line's text ends.
      const width = ch === '\r' ? 2 : 1;
      push('newline', i, i + width);
      spaceBefore = true;
      i += width;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\u00a0' || ch === '\f' || ch === '\v') {
      spaceBefore = true;
      i++;
      continue;
    }
    if (ch === '#') {
      while (i < end && text[i] !== '\n') i++;
      spaceBefore = true;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const chFull = cp < 128 ? ch : String.fromCodePoint(cp);
    if (isAsciiLetter(cp) || (cp >= 128 && NAME_START.test(chFull))) {
      let j = i + chFull.length;
      while (j < end) {
        const k = text.charCodeAt(j);
        // ASCII letters, digits and _ without the Unicode class test (most names are ASCII).
        if (isAsciiLetter(k) || (k >= 48 && k <= 57) || k === 95) {
          j++;
          continue;
        }
        if (k < 128) break;
        const c = String.fromCodePoint(text.codePointAt(j)!);
        if (!NAME_PART.test(c)) break;
        j += c.length;
      }
      push('name', i, j);
      i = j;
      continue;
    }
    if (ch >= '0' && ch <= '9') {
      let j = i;
      while (j < end && /[0-9]/.test(text[j]!)) j++;
      if (text[j] === '.' && /[0-9]/.test(text[j + 1] ?? '')) {
        j++;
        while (j < end && /[0-9]/.test(text[j]!)) j++;
      }
      // An exponent only when digits follow, so `2e` stays `2` times the name `e`.
      const exp = /^[eE][+-]?[0-9]+/.exec(text.slice(j, Math.min(end, j + 12)));
      if (exp) j += exp[0].length;
      push('number', i, j);
      i = j;
      continue;
    }
    if (SUPERSCRIPT_DIGITS.includes(ch)) {
      let j = i;
      while (j < end && SUPERSCRIPT_DIGITS.includes(text[j]!)) j++;
      push('superpower', i, j);
      i = j;
      continue;
    }
    const multi = MULTI.find(([s]) => text.startsWith(s, i) && i + s.length <= end);
    if (multi) {
      push(multi[1], i, i + multi[0].length);
      i += multi[0].length;
      continue;
    }
    const single = SINGLE[ch];
    push(single ?? 'unknown', i, i + chFull.length);
    i += chFull.length;
  }
  tokens.push({ kind: 'eof', text: '', span: { start: end, end }, spaceBefore: true });
  return tokens;
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
