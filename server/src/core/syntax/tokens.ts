// Token kinds of the mcalc lexer. Every spelling of an operator maps to one kind; `text` keeps the spelling.
import type { Span } from './span';

export type TokenKind =
  | 'name'
  | 'number'
  | 'newline'
  | 'eof'
  | 'lparen' | 'rparen' | 'lbrace' | 'rbrace' | 'comma'
  | 'equals' | 'colon' | 'in'
  | 'plus' | 'minus' | 'star' | 'dot' | 'kron' | 'hadamard' | 'ediv' | 'slash'
  | 'transpose'      // ' ᵀ
  | 'inverse'        // ⁻¹
  | 'invtranspose'   // ⁻ᵀ
  | 'superpower'     // ² ³ … (superscript integer power)
  | 'caret' | 'dotcaret'
  | 'norm'           // ‖ or ||
  | 'langle' | 'rangle'
  | 'times'          // ×
  | 'partial'        // ∂
  | 'unknown';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly span: Span;
  /** True when whitespace (or a comment) separates this token from the previous one. */
  readonly spaceBefore: boolean;
}
