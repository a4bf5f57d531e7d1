// Structural keys of trees: equal keys mean equal trees (spans and spelling ignored).
import { assertNever, type Expr } from '../syntax/ast';

/**
 * Keys are hash-consed: a node's key names its children by their interned keys (`#12`), never by their text, so
 * a key is short however deep the tree, and each node's key is computed once (nodes are immutable). Spelled out,
 * the keys of nested trees cost quadratic time and memory: the simplifier asks for them at every rebuild.
 */
let keys = new WeakMap<Expr, string>();
let interned = new Map<string, string>();
let counter = 0;

/** Beyond this many distinct subtrees, `trimKeys` starts afresh. */
const MAX_INTERNED = 200_000;

export function keyOf(e: Expr): string {
  let key = keys.get(e);
  if (key === undefined) {
    const shallow = keyOfNode(e);
    key = interned.get(shallow);
    if (key === undefined) {
      // The counter never restarts, so a key from before a trim can never equal one from after it.
      key = `#${counter++}`;
      interned.set(shallow, key);
    }
    keys.set(e, key);
  }
  return key;
}

/**
 * Bounds the tables over a long session. Call it only where no key is held (gradient() does, before it starts):
 * after a trim, equal trees get new equal keys, and an old key compares unequal to every new one.
 */
export function trimKeys(): void {
  if (interned.size <= MAX_INTERNED) return;
  keys = new WeakMap();
  interned = new Map();
}

function keyOfNode(e: Expr): string {
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

