// Structural keys of trees: equal keys mean equal trees (spans and spelling ignored).
import { assertNever, type Expr } from '../syntax/ast';

export function keyOf(e: Expr): string {
  switch (e.kind) {
    case 'name': return e.name;
    case 'number': return String(e.value);
    case 'identity': return `I(${e.size ? keyOf(e.size) : ''})`;
    case 'constant': return `${e.fill ? 'ones' : 'zeros'}(${keyOf(e.rows)},${e.cols ? keyOf(e.cols) : ''})`;
    case 'neg': return `-(${keyOf(e.operand)})`;
    case 'transpose': return `(${keyOf(e.operand)})'`;
    case 'inverse': return `inv(${keyOf(e.operand)})`;
    case 'power': return `(${keyOf(e.operand)})^${e.exponent}`;
    case 'epower': return `(${keyOf(e.operand)}).^${e.exponent}`;
    case 'binary': return `${e.op}(${keyOf(e.left)},${keyOf(e.right)})`;
    case 'call': return `${e.fn}(${keyOf(e.arg)})`;
    case 'unvec': return `unvec(${keyOf(e.arg)},${keyOf(e.rows)},${keyOf(e.cols)})`;
    case 'ptrace': return `tr${e.which}(${keyOf(e.arg)},${keyOf(e.block)})`;
    case 'error': return '?';
    default: return assertNever(e);
  }
}

