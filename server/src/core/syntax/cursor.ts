// The parser's cursor over tokens: bracket depth, line continuation and error reporting.
import { diagnostic, type Diagnostic, type DiagnosticCode } from '../diagnostics';
import type { Expr } from './ast';
import type { Span } from './span';
import type { Token, TokenKind } from './tokens';

export class Cursor {
  private pos = 0;
  /** Open brackets: inside them a newline does not end the statement. */
  depth = 0;
  /** Open norm bars: inside them ‖ closes rather than starts a juxtaposed norm. */
  normDepth = 0;
  /** Nested parseExpr calls: bounded so that no input can exhaust the stack. */
  nesting = 0;
  /** Set when a statement was given up (too deep): the rest of it reports nothing more. */
  abandoned = false;
  /** Unknown characters read past inside brackets (closeBracket): a bracket that saw one holds an error. */
  strays = 0;
  readonly diagnostics: Diagnostic[] = [];
  /** Nodes that were written inside parentheses (for the ⊗-precedence hint). */
  readonly parenthesized = new WeakSet<Expr>();

  constructor(private readonly tokens: readonly Token[]) {}

  /** The next token; inside brackets, newlines are skipped unless the next line starts a statement. */
  peek(): Token {
    return this.tokens[this.peekIndex()]!;
  }

  /** The token after the next one, on the same terms as peek(). */
  peekSecond(): Token {
    const i = this.peekIndex();
    return this.tokens[Math.min(i + 1, this.tokens.length - 1)]!;
  }

  raw(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }

  next(): Token {
    const i = this.peekIndex();
    this.pos = Math.min(i + 1, this.tokens.length - 1);
    return this.tokens[i]!;
  }

  at(kind: TokenKind): boolean {
    return this.peek().kind === kind;
  }

  atName(name: string): boolean {
    const t = this.peek();
    return t.kind === 'name' && t.text === name;
  }

  eat(kind: TokenKind): Token | undefined {
    return this.at(kind) ? this.next() : undefined;
  }

  /** After a binary operator a line may break: skip newlines unless the next line is a new statement. */
  skipContinuation(): void {
    while (this.raw().kind === 'newline' && !this.startsStatement(this.pos + 1)) this.pos++;
  }

  /** Skips the rest of the current line (error recovery), leaving the cursor on its newline or eof. */
  skipLine(): void {
    this.depth = 0;
    this.normDepth = 0;
    while (this.raw().kind !== 'newline' && this.raw().kind !== 'eof') this.pos++;
  }

  /** Skips blank lines between statements. */
  skipNewlines(): void {
    while (this.raw().kind === 'newline') this.pos++;
  }

  error(code: DiagnosticCode, span: Span, message: string): void {
    if (this.abandoned) return;
    this.diagnostics.push(diagnostic(code, span, message));
  }

  private peekIndex(): number {
    let i = this.pos;
    if (this.depth > 0) {
      while (this.tokens[i]!.kind === 'newline' && !this.startsStatement(i + 1)) i++;
    }
    return i;
  }

  /**
   * Whether the tokens from index i look like the start of a statement (`A :`, `S =`, `A, B :`,
   * `grad f`, `∂f/∂X`, `d f / d X`). Used so that an unclosed bracket or a dangling operator
   * does not swallow the following lines.
   */
  startsStatement(i: number): boolean {
    while (this.tokens[i]?.kind === 'newline') i++;
    const t = this.tokens[i];
    if (!t) return false;
    if (t.kind === 'partial') return true;
    if (t.kind !== 'name') return false;
    const n1 = this.tokens[i + 1];
    if (!n1) return false;
    if (t.text === 'grad' && n1.kind === 'name') return true;
    // Claims in ASCII: `d f / d X = …` and `df/dX = …`.
    if (t.text === 'd' && n1.kind === 'name' && this.tokens[i + 2]?.kind === 'slash') return true;
    if (n1.kind === 'slash' && this.tokens[i + 2]?.kind === 'name' && this.tokens[i + 3]?.kind === 'equals') return true;
    if (n1.kind === 'equals' || n1.kind === 'in' || n1.kind === 'colon') return true;
    if (n1.kind === 'comma') {
      let j = i;
      while (this.tokens[j]?.kind === 'name' && this.tokens[j + 1]?.kind === 'comma') j += 2;
      return this.tokens[j]?.kind === 'name' && (this.tokens[j + 1]?.kind === 'colon' || this.tokens[j + 1]?.kind === 'in');
    }
    return false;
  }
}
