// documentSymbols: the outline — declarations, definitions, gradient requests, claims and size facts, in order.
import type { Analysis } from '../analysis';
import { assertNever } from '../syntax/ast';
import type { Span } from '../syntax/span';
import { context } from './context';
import { quote, quoteShape, shapeClass, shapeLabel } from './format';

export interface DocumentSymbol {
  readonly name: string;
  readonly kind: 'matrix' | 'vector' | 'scalar' | 'definition' | 'gradient' | 'claim' | 'size';
  readonly detail: string;
  /** The whole statement. */
  readonly span: Span;
  /** The name in it (inside `span`). */
  readonly selectionSpan: Span;
}

export function documentSymbols(a: Analysis): DocumentSymbol[] {
  const ctx = context(a);
  const out: DocumentSymbol[] = [];
  for (const s of a.statements) {
    switch (s.kind) {
      case 'declaration':
        for (const id of s.names) {
          const sym = a.symbols.get(id.name);
          // A name that was not declared here (an error) still shows, with the shape as written.
          const mine = sym?.nameSpan.start === id.start ? sym : undefined;
          const shape = mine ? shapeLabel(mine.shape) : quoteShape(ctx, s.shape, 40);
          const props = s.properties.map((p) => p.name);
          out.push({
            name: id.name, kind: mine ? shapeClass(mine.shape) : 'matrix',
            detail: [shape, ...props].join(', '), span: s, selectionSpan: id,
          });
        }
        break;
      case 'definition':
        if (a.sizeFacts.has(s)) {
          out.push({ name: s.target.name, kind: 'size', detail: `= ${quote(ctx, s.value, 40)}`, span: s, selectionSpan: s.target });
        } else {
          const sym = a.symbols.get(s.target.name);
          const mine = sym?.nameSpan.start === s.target.start ? sym : undefined;
          out.push({ name: s.target.name, kind: 'definition', detail: shapeLabel(mine?.shape), span: s, selectionSpan: s.target });
        }
        break;
      case 'grad': {
        const shapes = s.wrt.map((w) => shapeLabel(a.symbols.get(w.name)?.shape));
        out.push({
          name: s.wrt.map((w) => `∂${s.of.name}/∂${w.name}`).join(', '), kind: 'gradient',
          detail: s.wrt.every((w) => a.symbols.get(w.name)?.kind === 'declared') ? shapes.join(', ') : 'gradient request',
          span: s, selectionSpan: s.of,
        });
        break;
      }
      case 'claim': {
        const disagrees = a.diagnostics.some((d) => d.code === 'W401' && d.span.start === s.start);
        out.push({
          name: `∂${s.of.name}/∂${s.wrt.name}`, kind: 'claim',
          detail: `= ${quote(ctx, s.value, 40)}${disagrees ? ' — disagrees with the numbers' : ''}`,
          span: s, selectionSpan: { start: s.start, end: s.wrt.end },
        });
        break;
      }
      default:
        assertNever(s);
    }
  }
  return out;
}
