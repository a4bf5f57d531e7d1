// Compact S-expressions of syntax trees, so parser tests compare one readable line per input.
//
//   A B'          → (* A (' B))            juxtaposition and `*`, `·` are all `*`
//   A ⊗ B : C     → (: (⊗ A B) C)          binary: * ⊗ ⊙ ./ / + - :
//   X⁻¹, X^k, X.^k → (inv X), (^ X k), (.^ X k)
//   -X, tr(X)     → (neg X), (tr X)        calls by their canonical function name
//   I, I_n        → I, (I n);  zeros(m, n) → (zeros m n);  ones(n) → (ones n)
//   statements    → (decl (A B) (m × n) symmetric), (def S …), (grad f A B), (claim f X …)
import { assertNever, type Expr, type ShapeSpec, type Statement } from '../../server/src/core/syntax/ast';

const OPS = {
  matmul: '*', kron: '⊗', hadamard: '⊙', ediv: './', div: '/', add: '+', sub: '-', frobenius: ':',
} as const;

export function sexpr(e: Expr): string {
  switch (e.kind) {
    case 'name': return e.name;
    case 'number': return String(e.value);
    case 'identity': return e.size ? `(I ${sexpr(e.size)})` : 'I';
    case 'constant': return `(${e.fill === 0 ? 'zeros' : 'ones'} ${sexpr(e.rows)}${e.cols ? ` ${sexpr(e.cols)}` : ''})`;
    case 'neg': return `(neg ${sexpr(e.operand)})`;
    case 'transpose': return `(' ${sexpr(e.operand)})`;
    case 'inverse': return `(inv ${sexpr(e.operand)})`;
    case 'power': return `(^ ${sexpr(e.operand)} ${e.exponent})`;
    case 'epower': return `(.^ ${sexpr(e.operand)} ${e.exponent})`;
    case 'binary': return `(${OPS[e.op]} ${sexpr(e.left)} ${sexpr(e.right)})`;
    case 'call': return `(${e.fn} ${sexpr(e.arg)})`;
    case 'unvec': return `(unvec ${sexpr(e.arg)} ${sexpr(e.rows)} ${sexpr(e.cols)})`;
    case 'ptrace': return `(tr${e.which === 1 ? '₁' : '₂'} ${sexpr(e.arg)} ${sexpr(e.block)})`;
    case 'error': return '<error>';
    default: return assertNever(e);
  }
}

export function shapeSexpr(s: ShapeSpec): string {
  switch (s.kind) {
    case 'matrix': return `(${sexpr(s.rows)} × ${sexpr(s.cols)})`;
    case 'vector': return `(vector ${sexpr(s.size)})`;
    case 'scalar': return 'scalar';
    default: return assertNever(s);
  }
}

export function statementSexpr(s: Statement): string {
  switch (s.kind) {
    case 'declaration': {
      const props = s.properties.map((p) => ` ${p.name}`).join('');
      return `(decl (${s.names.map((n) => n.name).join(' ')}) ${shapeSexpr(s.shape)}${props})`;
    }
    case 'definition': return `(def ${s.target.name} ${sexpr(s.value)})`;
    case 'grad': return `(grad ${s.of.name} ${s.wrt.map((w) => w.name).join(' ')})`;
    case 'claim': return `(claim ${s.of.name} ${s.wrt.name} ${sexpr(s.value)})`;
    default: return assertNever(s);
  }
}
