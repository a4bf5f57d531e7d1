// The LaTeX reader's vocabulary: one table per kind of command or character, the patterns it matches, and the
// words it makes of subscripts and superscripts.
import { FUNCTIONS } from './functions';
import type { TokenKind } from './tokens';

const AS_MAPS = new WeakMap<object, ReadonlyMap<string, unknown>>();

/**
 * A table's own entry: the tables are object literals, and a LaTeX word such as `\constructor` or
 * `\mathrm{toString}` must not find what every object inherits. Looked up in a Map made once per table: indexing an
 * object with a word just sliced from the text makes V8 look the word up among its internalised strings first.
 * The Map is a copy of the table's own enumerable entries at the first lookup: tables are constants, never changed.
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  let map = AS_MAPS.get(table);
  if (!map) AS_MAPS.set(table, (map = new Map(Object.entries(table))));
  return map.get(key) as T | undefined;
}

/** Whether a word is a function of mcalc (not I, which is the identity wherever it stands). */
export function isFunctionWord(word: string): boolean {
  return word !== 'I' && FUNCTIONS.has(word);
}

/** Whether a name is one every object inherits (`constructor`, `toString`): never an mcalc name. */
export function isInherited(name: string): boolean {
  return name in Object.prototype;
}

/** Greek letters by command, as latex-names.ts prints them (ε is \varepsilon, ϵ is \epsilon). */
export const GREEK: Readonly<Record<string, string>> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ϵ', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ',
  vartheta: 'ϑ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', varpi: 'ϖ', rho: 'ρ',
  varrho: 'ϱ', sigma: 'σ', varsigma: 'ς', tau: 'τ', upsilon: 'υ', phi: 'ϕ', varphi: 'φ', chi: 'χ', psi: 'ψ',
  omega: 'ω', Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ',
  Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω', ell: 'ℓ',
};

/** Letter runs that are one word rather than a product of letters. */
export const LETTER_FUNCTIONS = new Set([
  'tr', 'Tr', 'det', 'logdet', 'vec', 'diag', 'exp', 'log', 'sin', 'cos', 'tanh', 'sqrt', 'kron', 'inv', 'unvec',
]);

export const CHARS: Readonly<Record<string, TokenKind>> = {
  '(': 'lparen', ')': 'rparen', '[': 'lparen', ']': 'rparen', '+': 'plus', '-': 'minus', '=': 'equals',
  '/': 'slash', '*': 'star', ',': 'comma', ':': 'colon', "'": 'transpose', ';': 'newline',
  // Unicode typed inside math, as the mcalc lexer reads it.
  '−': 'minus', '⊗': 'kron', '⊙': 'hadamard', '∘': 'hadamard', '·': 'dot', '⋅': 'dot', '×': 'times', '∈': 'in',
  '∂': 'partial', 'ᵀ': 'transpose', '‖': 'norm', '⟨': 'langle', '⟩': 'rangle',
};

export const OPERATORS: Readonly<Record<string, TokenKind>> = {
  otimes: 'kron', bigotimes: 'kron', odot: 'hadamard', bigodot: 'hadamard', circ: 'hadamard', oslash: 'ediv',
  cdot: 'dot', times: 'times', in: 'in', partial: 'partial', Vert: 'norm', '|': 'norm', langle: 'langle',
  rangle: 'rangle', quad: 'newline', qquad: 'newline', '\\': 'newline', newline: 'newline',
};

export const FUNCTION_COMMANDS: Readonly<Record<string, string>> = {
  det: 'det', log: 'log', ln: 'log', exp: 'exp', sin: 'sin', cos: 'cos', tanh: 'tanh', tr: 'tr', Tr: 'Tr',
  trace: 'tr', diag: 'diag',
};

/** Sizing and spacing: nothing of their own (the delimiter after \left is read as usual). */
export const IGNORED = new Set([
  'left', 'right', 'bigl', 'bigr', 'Bigl', 'Bigr', 'biggl', 'biggr', 'Biggl', 'Biggr', 'big', 'Big', 'bigg', 'Bigg',
  'displaystyle', 'textstyle', ',', ';', ':', '!', ' ', '>',
]);

/** Styles of a symbol: `\mathbf{A}` is the symbol A. */
export const SYMBOL_STYLES = new Set(['mathbf', 'boldsymbol', 'bm', 'mathit', 'mathsf', 'mathnormal', 'vec']);
/** Upright words: a name or a function word. */
export const WORD_STYLES = new Set(['mathrm', 'operatorname']);
/** Text: a function word, a list of properties, or prose (a statement separator). */
export const TEXT_STYLES = new Set(['text', 'textrm', 'textit', 'textbf', 'textnormal', 'mbox']);
export const ENVIRONMENTS = new Set(['aligned', 'align', 'align*', 'gathered', 'gather', 'gather*', 'split', 'equation', 'equation*']);

export const GREEK_CHARS = new Set(Object.values(GREEK));

/**
 * A subscript that is part of a name: letters and digits (`1`, `ij`), Greek letters, upright words
 * (`\mathrm{out}`) and nested subscripts (`b_{c}`); undefined for anything else (`i+1`, `i,j`).
 */
export function subscriptWord(raw: string): string | undefined {
  let s = raw.trim();
  let out = '';
  while (s) {
    let m: RegExpExecArray | null;
    if ((m = /^[A-Za-z0-9]+/.exec(s))) out += m[0];
    else if ((m = /^\\([A-Za-z]+)(?![A-Za-z])/.exec(s)) && own(GREEK, m[1]!)) out += own(GREEK, m[1]!);
    else if ((m = /^\\(?:mathrm|text|mathit|mathbf)\s*\{\s*([A-Za-z0-9]+)\s*\}/.exec(s))) out += m[1];
    else if ((m = /^_\s*\{([^{}]*)\}/.exec(s)) || (m = /^_\s*([A-Za-z0-9])/.exec(s))) {
      const inner = subscriptWord(m[1]!);
      if (inner === undefined) return undefined;
      out += `_${inner}`;
    } else if ((m = /^\s+/.exec(s))) {
      // `x_{i j}` is x_ij.
    } else return undefined;
    s = s.slice(m[0].length);
  }
  return out || undefined;
}

/** A superscript's content with the spellings of T made one (`\top`, `\mathsf{T}`, `\intercal`) and spaces dropped. */
export function exponentWord(raw: string): string {
  return raw
    .replace(/\\(?:mathsf|mathrm|mathit|textsf|text|rm|sf)\s*\{?\s*T\s*\}?/g, 'T')
    .replace(/\\(?:top|intercal)(?![A-Za-z])/g, 'T')
    .replace(/\s+/g, '');
}

// Sticky patterns, matched in place (no copy of the rest of a long formula per token).
export const NUMBER = /[0-9]+(?:\.[0-9]+)?/y;
export const LETTERS = /[A-Za-z]+/y;
export const COMMAND = /\\(?:[A-Za-z]+|[^A-Za-z])/uy;
export const EMPTY_GROUP_END = /\s*\}/y;
export const THEN_DET = /(?:\s|\\[,;!])*\\det(?![A-Za-z])/y;
export const SPACING = /(?:\s|\\[,;! ]|\\q?quad(?![A-Za-z]))*/y;

/** Deepest nesting of command arguments (\frac in \frac …); the parser's own limit is 300 levels of brackets. */
export const MAX_NESTING = 100;

/** The token of a bare \mathbf{1}: a subscript makes it ones(…); left alone, the formula is not mcalc. */
export const ONES_MARK = '\u0000ones';

/** An argument: `{…}` (start/end inside the braces) or a single character or command (outer = inner). */
export interface Arg {
  readonly outerStart: number;
  readonly start: number;
  readonly end: number;
  readonly outerEnd: number;
}
