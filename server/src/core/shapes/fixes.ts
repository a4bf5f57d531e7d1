// Quick fixes offered with shape errors (transpose a factor, swap the factors, ones(…) for a scalar), from the source text.
import type { Fix } from '../diagnostics';
import type { Expr, ExprOf } from '../syntax/ast';
import * as D from './dim';
import type { Shape } from './shape';
import type { TextLike } from '../incremental/piece-text';

/** Whether a node's text can take a postfix or be a factor without parentheses: `A`, `W₁ᵀ`, `(A + B)`. */
function isAtomic(e: Expr, text: TextLike): boolean {
  const s = text.slice(e.start, e.end);
  return e.kind === 'number' || /^[\p{L}\p{N}_₀-₉]+['ᵀ]*$/u.test(s) || (s.startsWith('(') && s.endsWith(')'));
}

function transposeFix(e: Expr, text: TextLike, which: string): Fix {
  const s = text.slice(e.start, e.end);
  const newText = isAtomic(e, text) ? `${s}ᵀ` : `(${s})ᵀ`;
  return { title: `Transpose ${which}${s}`, edits: [{ span: e, newText }] };
}

function swapFix(e: ExprOf<'binary'>, text: TextLike): Fix {
  const l = text.slice(e.left.start, e.left.end);
  const r = text.slice(e.right.start, e.right.end);
  const gap = text.slice(e.left.end, e.right.start);
  return { title: `Swap the factors: ${r}${gap}${l}`, edits: [{ span: e, newText: `${r}${gap}${l}` }] };
}

/** For a product `L R` of shapes a and b whose inner sizes differ: the transposes (or the swap) that fit. */
export function productFixes(e: ExprOf<'binary'>, a: Shape, b: Shape, text: TextLike): Fix[] {
  const fixes: Fix[] = [];
  // `A A`: both factors read the same, so the titles say which one.
  const same = text.slice(e.left.start, e.left.end) === text.slice(e.right.start, e.right.end);
  if (D.equal(a.cols, b.cols)) fixes.push(transposeFix(e.right, text, same ? 'the right ' : ''));
  if (D.equal(a.rows, b.rows)) fixes.push(transposeFix(e.left, text, same ? 'the left ' : ''));
  if (fixes.length === 0 && D.equal(a.rows, b.cols)) fixes.push(swapFix(e, text));
  return fixes;
}

/** The matrix of ones of a shape, in ASCII mcalc: `ones(m, n)`, `ones(n)` for a column. */
export function onesText(s: Shape): string {
  const rows = D.dimToString(s.rows, true);
  return D.isOne(s.cols) ? `ones(${rows})` : `ones(${rows}, ${D.dimToString(s.cols, true)})`;
}

/** `1 + X` → `ones(m, n) + X`; `s + X` → `s * ones(m, n) + X`. */
export function onesFix(scalar: Expr, other: Shape, text: TextLike): Fix[] {
  const s = text.slice(scalar.start, scalar.end);
  const factor = isAtomic(scalar, text) ? s : `(${s})`;
  const newText = s === '1' ? onesText(other) : `${factor} * ${onesText(other)}`;
  return [{ title: `Replace ${s} with ${newText}`, edits: [{ span: scalar, newText }] }];
}
