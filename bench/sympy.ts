// Translates a document's f into SymPy source (MatrixSymbol algebra), for the side-by-side benchmark.
// Returns undefined for what SymPy's matrix calculus cannot express (entry-wise functions, vec, diag, ⊘,
// partial traces) — those cases are benchmarked without a SymPy column.
import type { Analysis, Expr } from '../server/src/core';
import { isScalar, type Shape } from '../server/src/core/shapes/shape';
import { dimToString, type Dim } from '../server/src/core/shapes/dim';

class Unsupported extends Error {}

function dim(d: Dim): string {
  return dimToString(d, true).replace(/\^/g, '**');
}

export interface SympyProgram {
  /** Python that defines the size symbols, the matrix symbols, the definitions and `f`. */
  readonly source: string;
}

export function sympyProgram(a: Analysis, of: string): SympyProgram | undefined {
  const shapeOf = (e: Expr): Shape => {
    const s = a.shapes.get(e);
    if (!s) throw new Unsupported('untyped');
    return s;
  };
  const lines = ['import sympy as sp'];
  for (const size of a.sizes.keys()) lines.push(`${size} = sp.Symbol('${size}', integer=True, positive=True)`);
  try {
    for (const s of a.statements) {
      if (s.kind === 'declaration') {
        for (const n of s.names) {
          const sh = a.symbols.get(n.name)?.shape;
          if (!sh || isScalar(sh)) throw new Unsupported('scalar symbols');
          lines.push(`${n.name} = sp.MatrixSymbol('${n.name}', ${dim(sh.rows)}, ${dim(sh.cols)})`);
        }
      } else if (s.kind === 'definition' && a.symbols.get(s.target.name)?.kind === 'defined') {
        lines.push(`${s.target.name} = ${expr(s.value, shapeOf)}`);
      }
    }
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  lines.push(`f = ${of}`);
  return { source: lines.join('\n') };
}

function expr(e: Expr, shapeOf: (e: Expr) => Shape): string {
  const r = (x: Expr): string => expr(x, shapeOf);
  const out = ((): string => {
    switch (e.kind) {
      case 'name': return e.name;
      case 'number': return Number.isInteger(e.value) ? `sp.Integer(${e.value})` : `sp.Rational('${e.value}')`;
      case 'identity': return `sp.Identity(${dim(shapeOf(e).rows)})`;
      case 'constant': {
        const s = shapeOf(e);
        return `sp.${e.fill ? 'OneMatrix' : 'ZeroMatrix'}(${dim(s.rows)}, ${dim(s.cols)})`;
      }
      case 'neg': return `(-${r(e.operand)})`;
      case 'transpose': return `(${r(e.operand)}).T`;
      case 'inverse': return `(${r(e.operand)}).I`;
      case 'power': return `(${r(e.operand)})**${e.exponent}`;
      case 'epower': return `sp.HadamardPower(${r(e.operand)}, ${e.exponent})`;
      case 'binary':
        switch (e.op) {
          case 'add': return `(${r(e.left)} + ${r(e.right)})`;
          case 'sub': return `(${r(e.left)} - ${r(e.right)})`;
          case 'matmul': return `(${r(e.left)}*${r(e.right)})`;
          case 'kron': return `sp.KroneckerProduct(${r(e.left)}, ${r(e.right)})`;
          case 'hadamard': return `sp.HadamardProduct(${r(e.left)}, ${r(e.right)})`;
          case 'div': return `(${r(e.left)}/${r(e.right)})`;
          case 'frobenius': return `sp.Trace((${r(e.left)}).T*${r(e.right)})`;
          case 'ediv': throw new Unsupported('./');
        }
        throw new Unsupported(e.op);
      case 'call':
        switch (e.fn) {
          case 'tr': return `sp.Trace(${r(e.arg)})`;
          case 'det': return `sp.Determinant(${r(e.arg)})`;
          case 'logdet': return `sp.log(sp.Determinant(${r(e.arg)}))`;
          case 'norm': return `sp.sqrt(sp.Trace((${r(e.arg)}).T*${r(e.arg)}))`;
          default: throw new Unsupported(e.fn);
        }
      default: throw new Unsupported(e.kind);
    }
  })();
  // A 1×1 matrix product is a matrix to SymPy; its trace is the scalar it stands for.
  const s = shapeOf(e);
  const product = e.kind === 'binary' && e.op === 'matmul' && !isScalar(shapeOf(e.left));
  return isScalar(s) && product ? `sp.Trace(${out})` : out;
}
