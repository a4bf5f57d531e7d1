// semanticTokens: names coloured by what they are — matrix, vector or scalar by shape, sizes, functions, properties, keywords.
import type { Analysis } from '../analysis';
import type { Span } from '../syntax/span';
import { context } from './context';
import { shapeClass } from './format';

export interface SemanticToken {
  readonly span: Span;
  readonly type: 'matrix' | 'vector' | 'scalar' | 'size' | 'function' | 'property' | 'keyword';
  /** The declaration or definition of the name (for a size, the place definitionAt goes to). */
  readonly declaration: boolean;
}

/** Sorted by offset, non-overlapping, each within one line. */
export function semanticTokens(a: Analysis): SemanticToken[] {
  const ctx = context(a);
  const out: SemanticToken[] = [];
  for (const o of ctx.occurrences) {
    if (/[\r\n]/.test(a.text.slice(o.span.start, o.span.end))) continue;
    switch (o.kind) {
      case 'symbol':
        out.push({ span: o.span, type: shapeClass(a.symbols.get(o.name)?.shape), declaration: o.declaration });
        break;
      case 'size':
        out.push({ span: o.span, type: 'size', declaration: o.declaration });
        break;
      case 'identity':
        // I is a matrix (of a size found by inference), not a call.
        out.push({ span: o.span, type: 'matrix', declaration: false });
        break;
      case 'function':
      case 'property':
      case 'keyword':
        out.push({ span: o.span, type: o.kind, declaration: false });
        break;
    }
  }
  return out;
}
