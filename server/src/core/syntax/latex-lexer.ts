// The LaTeX reader's lexer: the math of `$…$` / `$$…$$` → mcalc tokens with spans into the original text, or null
// when the formula is not mcalc (an unknown command, `|`, …), so that ordinary math draws no diagnostic at all.
//
// LaTeX semantics, not mcalc's: a run of letters is a product of single letters (`Ax` is A·x) unless it is exactly a
// function word (tr, det, exp, …); `\mathrm{nll}`, `\operatorname{Tr}` and `\text{tr}` are words. Each construct
// becomes the tokens the mcalc parser already reads, e.g. `^{\top}` one transpose token, `\frac{a}{b}` → ((a)/(b)),
// `\frac{\partial f}{\partial X}` → ∂ f / ∂ X (a claim). The token's text is the mcalc spelling; its span is the LaTeX.
import { isProperty } from './functions';
import {
  CHARS, COMMAND, EMPTY_GROUP_END, ENVIRONMENTS, exponentWord, FUNCTION_COMMANDS, GREEK, GREEK_CHARS, IGNORED, isFunctionWord,
  LETTER_FUNCTIONS, LETTERS, MAX_NESTING, NUMBER, ONES_MARK, OPERATORS, own, SPACING, subscriptWord, SYMBOL_STYLES, TEXT_STYLES,
  THEN_DET, WORD_STYLES, type Arg,
} from './latex-commands';
import { rewriteLatexTokens, splitTimes, SQRT_MARK } from './latex-rewrite';
import type { Span } from './span';
import type { Token, TokenKind } from './tokens';

/** Thrown inside the reader when the formula is not mcalc; lexLatex turns it into null. */
class NotMcalc extends Error {}

function fail(): never {
  throw new NotMcalc();
}

/**
 * The tokens of the LaTeX in text[start, end), ending with eof, or null when the formula is not mcalc.
 * Never throws.
 */
export function lexLatex(text: string, start = 0, end = text.length): Token[] | null {
  try {
    const r = new Reader(text, start, end);
    r.seq();
    const tokens = rewriteLatexTokens(r.out, r.unvecSizes);
    if (!tokens) return null;
    tokens.push({ kind: 'eof', text: '', span: { start: end, end }, spaceBefore: true });
    return tokens;
  } catch (e) {
    if (e instanceof NotMcalc) return null;
    throw e;
  }
}

/**
 * `\partial f1`, `\partial nll`: what follows ∂ written as one word (letters and digits with nothing between them)
 * is one name, as the author of a claim about f1 or nll means it; in other math LaTeX reads it as f·1 or n·l·l. A
 * name no definition has does not make the formula a claim (math.ts), so other math is left as it was.
 */
function joinedName(ts: Token[]): Token[] {
  if (ts.length < 3 || ts[0]!.kind !== 'partial' || ts[1]!.kind !== 'name') return ts;
  const word = ts.slice(1);
  for (let k = 1; k < word.length; k++) {
    const t = word[k]!;
    if ((t.kind !== 'name' && t.kind !== 'number') || t.span.start !== word[k - 1]!.span.end) return ts;
  }
  const name: Token = { ...word[0]!, text: word.map((t) => t.text).join(''), span: { start: word[0]!.span.start, end: word.at(-1)!.span.end } };
  return [ts[0]!, name];
}

/** d then a name: `df`, `\mathrm{d} f`, `d\ell` (a lone d, or d·2, is something else). */
function startsWithD(ts: readonly Token[]): boolean {
  return ts.length >= 2 && ts[0]!.kind === 'name' && ts[0]!.text === 'd' && ts[1]!.kind === 'name';
}

function asPartial(ts: readonly Token[]): Token[] {
  return [{ ...ts[0]!, kind: 'partial', text: 'partial' }, ...ts.slice(1)];
}

class Reader {
  out: Token[] = [];
  /** unvec name token → the token lists of its two sizes, from `\operatorname{vec}^{-1}_{m \times n}`. */
  readonly unvecSizes = new Map<Token, [Token[], Token[]]>();
  private space = true;
  private depth = 0;

  constructor(private readonly text: string, private i: number, private end: number) {}

  private push(kind: TokenKind, text: string, start: number, end: number, spaceBefore = this.space): Token {
    const t: Token = { kind, text, span: { start, end }, spaceBefore };
    this.out.push(t);
    this.space = false;
    return t;
  }

  /** Replaces the last token (a name that took a subscript or a superscript). */
  private replaceLast(text: string, kind: TokenKind, span: Span): void {
    const last = this.out.pop() ?? fail();
    this.out.push({ kind, text, span, spaceBefore: last.spaceBefore });
  }

  /** Lexes text[start, end) into a fresh list (the argument of a command), leaving this reader as it was. */
  private capture(start: number, end: number): Token[] {
    // Commands nest by recursion: a formula nested deeper than any real one is not read (and cannot exhaust the stack).
    if (++this.depth > MAX_NESTING) fail();
    const saved = { out: this.out, i: this.i, end: this.end, space: this.space };
    this.out = [];
    this.i = start;
    this.end = end;
    this.space = true;
    this.seq();
    const got = this.out;
    this.out = saved.out;
    this.i = saved.i;
    this.end = saved.end;
    this.space = saved.space;
    this.depth--;
    return got;
  }

  /** The match of a sticky pattern at `at` (default: here), cut at the end of the range (`\tfrac12` reads 1 and 2). */
  private match(pattern: RegExp, at = this.i): string | undefined {
    pattern.lastIndex = at;
    return pattern.exec(this.text)?.[0].slice(0, this.end - at);
  }

  /** Whether only spacing follows, up to the end, a line break (\\) or an \end{…}. */
  private endsSentence(): boolean {
    const j = this.i + (this.match(SPACING) ?? '').length;
    return j >= this.end || this.text.startsWith('\\\\', j) || this.text.startsWith('\\end{', j);
  }

  seq(): void {
    while (this.i < this.end) this.item();
  }

  private item(): void {
    const t = this.text;
    const ch = t[this.i]!;
    const from = this.i;
    if (/\s/.test(ch) || ch === '&' || ch === '~') {
      this.i++;
      this.space = true;
      return;
    }
    if (ch === '\\') return this.command();
    if (/[A-Za-z]/.test(ch)) return this.letters();
    if (/[0-9]/.test(ch)) {
      const m = this.match(NUMBER)!.replace(/\.$/, '');
      this.i += m.length;
      return void this.push('number', m, from, this.i);
    }
    this.i++;
    if (ch === '{') {
      // An empty group ({}^T) means nothing; any other is a grouping: parentheses.
      const empty = this.match(EMPTY_GROUP_END);
      if (empty?.endsWith('}')) return void (this.i += empty.length);
      this.push('lparen', '(', from, this.i);
      return;
    }
    if (ch === '}') return void this.push('rparen', ')', from, this.i);
    if (ch === '^') return this.superscript(from);
    if (ch === '_') return this.subscript();
    // A full stop or comma that ends the formula, a line of it or an \end{aligned} is punctuation of the sentence.
    if ((ch === '.' || ch === ',') && this.endsSentence()) return;
    if (GREEK_CHARS.has(ch)) return void this.push('name', ch, from, this.i);
    const kind = own(CHARS, ch) ?? fail();
    // LaTeX never means I(n) by `I(`: the parser reads `I (` as a product, so the parenthesis counts as spaced.
    const spaced = kind === 'lparen' && this.out.at(-1)?.text === 'I' ? true : this.space;
    this.push(kind, kind === 'lparen' ? '(' : kind === 'rparen' ? ')' : ch, from, this.i, spaced);
  }

  private letters(): void {
    const from = this.i;
    const run = this.match(LETTERS)!;
    this.i += run.length;
    if (LETTER_FUNCTIONS.has(run)) return void this.push('name', run, from, this.i);
    for (let k = 0; k < run.length; k++) this.push('name', run[k]!, from + k, from + k + 1);
  }

  /** `\name` or `\` and one character: its name and where it ends. */
  private commandName(at: number): { name: string; end: number } {
    const m = this.match(COMMAND, at) ?? fail();
    return { name: m.slice(1), end: at + m.length };
  }

  private skipSpace(): void {
    while (this.i < this.end && /\s/.test(this.text[this.i]!)) this.i++;
  }

  /** The next argument: a brace group, one command (with its own argument for a style), or one character. */
  private arg(): Arg {
    this.skipSpace();
    const t = this.text;
    const at = this.i;
    if (at >= this.end) fail();
    if (t[at] === '{') {
      let depth = 0;
      for (let j = at; j < this.end; j++) {
        if (t[j] === '\\') j++;
        else if (t[j] === '{') depth++;
        else if (t[j] === '}' && --depth === 0) {
          this.i = j + 1;
          return { outerStart: at, start: at + 1, end: j, outerEnd: j + 1 };
        }
      }
      fail();
    }
    if (t[at] === '\\') {
      const c = this.commandName(at);
      this.i = c.end;
      if (SYMBOL_STYLES.has(c.name) || WORD_STYLES.has(c.name) || TEXT_STYLES.has(c.name)) this.arg();
      return { outerStart: at, start: at, end: this.i, outerEnd: this.i };
    }
    this.i = at + String.fromCodePoint(t.codePointAt(at)!).length;
    return { outerStart: at, start: at, end: this.i, outerEnd: this.i };
  }

  private command(): void {
    const from = this.i;
    const { name, end } = this.commandName(from);
    this.i = end;
    if (IGNORED.has(name)) {
      this.space = this.space || name.length === 1;
      // \left. and \right. are invisible delimiters.
      this.skipSpace();
      if ((name === 'left' || name === 'right') && this.text[this.i] === '.') this.i++;
      return;
    }
    const op = own(OPERATORS, name);
    if (op) return void this.push(op, name, from, end);
    const greek = own(GREEK, name);
    if (greek) return void this.push('name', greek, from, end);
    const fn = own(FUNCTION_COMMANDS, name);
    if (fn) return this.functionCommand(fn, from);
    if (name === 'lVert') {
      // \lVert … \rVert says which bar opens: a call of norm, unambiguous even when nested.
      this.push('name', 'norm', from, end);
      return void this.push('lparen', '(', end, end, false);
    }
    if (name === 'rVert') return void this.push('rparen', '\\rVert', from, end);
    if (name === 'R') return void this.push('name', 'ℝ', from, end);
    if (name === 'frac' || name === 'dfrac' || name === 'tfrac') return this.frac(from);
    if (name === 'sqrt') return this.sqrt(from);
    if (name === 'mathbb') {
      const a = this.arg();
      if (this.text.slice(a.start, a.end).trim() !== 'R') fail();
      return void this.push('name', 'ℝ', from, a.outerEnd);
    }
    if (SYMBOL_STYLES.has(name) || WORD_STYLES.has(name)) return this.styled(name, from);
    if (TEXT_STYLES.has(name)) return this.textCommand(from);
    if (name === 'begin' || name === 'end') {
      const a = this.arg();
      if (!ENVIRONMENTS.has(this.text.slice(a.start, a.end).trim())) fail();
      this.space = true;
      return;
    }
    fail();
  }

  /** \det, \exp …; `\log\det` is logdet. */
  private functionCommand(fn: string, from: number): void {
    if (fn === 'log') {
      const rest = this.match(THEN_DET);
      if (rest?.endsWith('det')) {
        this.i += rest.length;
        return void this.push('name', 'logdet', from, this.i);
      }
    }
    this.push('name', fn, from, this.i);
  }

  /** \mathbf{A}, \boldsymbol{\Sigma}, \mathrm{Tr}, \operatorname{diag}, \mathrm{nll}, \mathbf{0}. */
  private styled(style: string, from: number): void {
    const a = this.arg();
    const content = this.text.slice(a.start, a.end).trim();
    const greek = /^\\([A-Za-z]+)$/.exec(content);
    const letter = greek && own(GREEK, greek[1]!);
    if (isFunctionWord(content)) return void this.push('name', content, from, a.outerEnd);
    if (letter) return void this.push('name', letter, from, a.outerEnd);
    if (/^[A-Za-z]$/.test(content)) return void this.push('name', content, from, a.outerEnd);
    // \mathbf{0}_{m \times n} and \mathbf{1}_{n} are constant matrices (see subscript). Alone, \mathbf{0} is the zero
    // literal, but \mathbf{1} is a vector of ones of no stated size, which mcalc does not have: a mark that fails.
    if (content === '0' && style === 'mathbf') return void this.push('number', '0', from, a.outerEnd);
    if (content === '1' && style === 'mathbf') return void this.push('unknown', ONES_MARK, from, a.outerEnd);
    if (WORD_STYLES.has(style)) {
      if (!/^[A-Za-z][A-Za-z0-9]*$/.test(content)) fail();
      return void this.push('name', content, from, a.outerEnd);
    }
    // \mathbf{Ax}: bold letters, a product as ever, grouped so that a script applies to all of it.
    const inner = this.capture(a.start, a.end);
    this.push('lparen', '(', from, a.start);
    this.out.push(...inner);
    this.push('rparen', ')', a.end, a.outerEnd);
  }

  /** \text{tr} is a function; \text{symmetric, spd} are properties; any other text is prose between statements. */
  private textCommand(from: number): void {
    const a = this.arg();
    const content = this.text.slice(a.start, a.end);
    const word = content.trim();
    if (isFunctionWord(word)) return void this.push('name', word, from, a.outerEnd);
    const props = [...content.matchAll(/[A-Za-z]+/g)].filter((m) => m[0] !== 'and');
    if (props.length > 0 && props.every((m) => isProperty(m[0])) && /^[\s,A-Za-z]*$/.test(content)) {
      // `A \in \mathbb{R}^{n \times n} \quad \text{symmetric}`: the \quad was no separator.
      if (this.out.at(-1)?.kind === 'newline') this.out.pop();
      props.forEach((m, k) => {
        if (k > 0 || this.out.at(-1)?.kind !== 'comma') this.push('comma', ',', from, from);
        this.push('name', m[0], a.start + m.index, a.start + m.index + m[0].length);
      });
      return;
    }
    this.push('newline', '\n', from, a.outerEnd);
    this.space = true;
  }

  /** \frac{a}{b} → ((a) / (b)), an atom; \frac{\partial f}{\partial X} → ∂ f / ∂ X, the head of a claim. */
  private frac(from: number): void {
    const a = this.arg();
    const b = this.arg();
    const head = this.out.length === 0 || this.out.at(-1)!.kind === 'newline';
    let top = this.capture(a.start, a.end);
    let below: Token[] | undefined;
    // \frac{df}{dX} and \frac{\mathrm{d} f}{\mathrm{d} X} opening a statement, as mcalc's own df/dX: the d's are ∂ when
    // each side is d and one name. Elsewhere (g = \frac{ds}{dt}, \frac{d x^T A x}{d x^T x}) it is a fraction, as before.
    if (head && startsWithD(top) && startsWithD((below = this.capture(b.start, b.end)))) {
      const [t, u] = [joinedName(asPartial(top)), joinedName(asPartial(below))];
      if (t.length === 2 && u.length === 2) [top, below] = [t, u];
    }
    top = joinedName(top);
    if (top[0]?.kind === 'partial') {
      const bottom = joinedName(below ?? this.capture(b.start, b.end));
      const ok = (ts: Token[]): boolean => ts.length === 2 && ts[0]!.kind === 'partial' && ts[1]!.kind === 'name';
      // \frac{\partial}{\partial X} … is an operator on whatever follows, not a statement about a named f.
      if (!ok(top) || !ok(bottom)) fail();
      // The ∂ token starts at \frac, so that the claim's range is the whole `\frac{…}{…} = …`.
      this.out.push({ ...top[0]!, span: { start: from, end: top[0]!.span.end } }, top[1]!);
      this.push('slash', '/', a.outerEnd, b.outerStart);
      this.out.push(...bottom);
      return;
    }
    const bottom = below ?? this.capture(b.start, b.end);
    if (top.length === 0 || bottom.length === 0) fail();
    this.push('lparen', '(', from, a.outerStart);
    this.push('lparen', '(', a.outerStart, a.start);
    this.out.push(...top);
    this.push('rparen', ')', a.end, a.outerEnd);
    this.push('slash', '/', a.outerEnd, b.outerStart);
    this.push('lparen', '(', b.outerStart, b.start);
    this.out.push(...bottom);
    this.push('rparen', ')', b.end, b.outerEnd);
    this.push('rparen', ')', b.outerEnd, b.outerEnd);
  }

  private sqrt(from: number): void {
    this.skipSpace();
    if (this.text[this.i] === '[') fail();
    const a = this.arg();
    this.push('name', 'sqrt', from, a.outerStart);
    this.push('lparen', '(', a.outerStart, a.start, false);
    this.out.push(...this.capture(a.start, a.end));
    this.push('rparen', ')', a.end, a.outerEnd);
  }

  /** ^T, ^{\top}, ^{-1}, ^{-T}, ^2, ^{\circ 2}, ^{\circ 1/2}; after ℝ, the sizes of a shape. */
  private superscript(from: number): void {
    const prev = this.out.at(-1) ?? fail();
    const a = this.arg();
    const e = exponentWord(this.text.slice(a.start, a.end));
    const end = a.outerEnd;
    if (prev.kind === 'name' && prev.text === 'ℝ') {
      this.push('caret', '^', from, from + 1);
      if (a.start === a.outerStart) return void this.out.push(...this.capture(a.start, a.end));
      this.push('lbrace', '{', a.outerStart, a.start);
      this.out.push(...this.capture(a.start, a.end));
      return void this.push('rbrace', '}', a.end, a.outerEnd);
    }
    if (e === 'T') return void this.push('transpose', 'ᵀ', from, end);
    if (e === '-T') return void this.push('invtranspose', '⁻ᵀ', from, end);
    if (e === '-1' && prev.kind === 'name' && prev.text === 'vec') {
      return this.replaceLast('unvec', 'name', { start: prev.span.start, end });
    }
    if (e === '-1') return void this.push('inverse', '⁻¹', from, end);
    const power = /^(-?)([0-9]+(?:\.[0-9]+)?)$/.exec(e);
    const circ = /^\\circ(-?)([0-9]+(?:\.[0-9]+)?)$/.exec(e);
    if (e === '\\circ1/2') return void this.push('unknown', SQRT_MARK, from, end);
    const m = power ?? circ ?? fail();
    this.push(circ ? 'dotcaret' : 'caret', circ ? '.^' : '^', from, from + 1);
    if (m[1]) this.push('minus', '-', from + 1, from + 1);
    this.push('number', m[2]!, from + 1, end);
  }

  /** W_1, x_{i}, \Sigma_{1}, I_n, I_{p m}, tr_1, ‖X‖_F, \mathbf{0}_{m \times n}, vec^{-1}_{m \times n}. */
  private subscript(): void {
    const prev = this.out.at(-1) ?? fail();
    const a = this.arg();
    const raw = this.text.slice(a.start, a.end);
    const span = { start: prev.span.start, end: a.outerEnd };
    if (prev.kind === 'norm' || prev.text === '\\rVert') {
      if (raw.trim() !== 'F') fail();
      return;
    }
    if (prev.text === ONES_MARK) return this.constant('ones', a, span);
    if (prev.kind === 'number' && prev.text === '0' && this.text.startsWith('\\mathbf', prev.span.start)) return this.constant('zeros', a, span);
    if (prev.kind !== 'name') fail();
    if (prev.text === 'tr' || prev.text === 'Tr') {
      if (!/^\s*[12]\s*$/.test(raw)) fail();
      return this.replaceLast(`tr_${raw.trim()}`, 'name', span);
    }
    if (prev.text === 'unvec') {
      const [rows, cols] = splitTimes(this.capture(a.start, a.end));
      if (!rows || !cols) fail();
      this.replaceLast('unvec', 'name', span);
      return void this.unvecSizes.set(this.out.at(-1)!, [rows, cols]);
    }
    if (isFunctionWord(prev.text)) fail();
    const word = subscriptWord(raw);
    // I_n and I_3 are identities of a named size; I_{p m} and I_{mn} of a product of sizes: I(p m).
    if (prev.text === 'I' && (word === undefined || !/^(?:[0-9]+|.)$/u.test(word)) && !/^\s*\\(?:mathrm|text)/.test(raw)) {
      this.push('lparen', '(', a.outerStart, a.start, false);
      this.out.push(...this.capture(a.start, a.end));
      return void this.push('rparen', ')', a.end, a.outerEnd);
    }
    if (word === undefined) fail();
    this.replaceLast(`${prev.text}_${word}`, 'name', span);
  }

  /** \mathbf{0}_{m \times n} → zeros(m, n); \mathbf{1}_{n} → ones(n); \mathbf{0}_{n} → zeros(n, 1). */
  private constant(fn: 'zeros' | 'ones', a: Arg, span: Span): void {
    const [rows, cols] = splitTimes(this.capture(a.start, a.end));
    if (!rows) fail();
    this.replaceLast(fn, 'name', { start: span.start, end: a.outerStart });
    this.push('lparen', '(', a.outerStart, a.start, false);
    this.out.push(...rows);
    if (cols || fn === 'zeros') {
      this.push('comma', ',', a.end, a.end);
      if (cols) this.out.push(...cols);
      else this.push('number', '1', a.end, a.end);
    }
    this.push('rparen', ')', a.end, a.outerEnd);
  }
}
