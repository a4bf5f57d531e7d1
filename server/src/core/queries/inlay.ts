// inlayHints: the inferred shape after each definition, ` : (p·m)×k`.
import type { Analysis } from '../analysis';
import type { Span } from '../syntax/span';
import { shapeLabel } from './format';

export interface InlayHint {
  /** Where the label goes: right after the definition's expression (before any comment). */
  readonly offset: number;
  readonly label: string;
  readonly tooltip?: string;
}

/**
 * One hint per well-typed definition. None for size facts (`n = 3` has no shape) and none for definitions
 * with an error: a shape guessed around an error would mislead.
 */
export function inlayHints(a: Analysis, range?: Span): InlayHint[] {
  const hints: InlayHint[] = [];
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  for (const s of a.statements) {
    if (s.kind !== 'definition' || a.sizeFacts.has(s)) continue;
    const offset = s.value.end;
    if (range && (offset < range.start || offset > range.end)) continue;
    const sym = a.symbols.get(s.target.name);
    if (!sym?.shape || sym.nameSpan.start !== s.target.start) continue;
    // Inclusive: an error right at the end (`S = A +`, trailing junk) belongs to this definition too.
    if (errors.some((d) => d.span.start <= s.end && s.start <= d.span.end)) continue;
    const shape = shapeLabel(sym.shape);
    hints.push({ offset, label: ` : ${shape}`, tooltip: `${s.target.name} is ${shape === 'scalar' ? 'a scalar' : shape} (inferred)` });
  }
  return hints;
}
