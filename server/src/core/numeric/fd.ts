// The whole gradient by central finite differences, entry by entry: a reference to compare exports
// (NumPy, SymPy) against. The check itself (check.ts) is cheaper and more careful; this is plain.
import type { CheckContext } from './check';
import { Evaluator, type Matrix } from './evaluate';
import type { Expr } from '../syntax/ast';

/** f at a point, or undefined where f is not defined there. */
export function valueAt(ctx: CheckContext, of: string, sizes: ReadonlyMap<string, number>, values: ReadonlyMap<string, Matrix>): number | undefined {
  const definitions = new Map<string, Expr>();
  for (const s of ctx.symbols.values()) if (s.kind === 'defined' && s.value) definitions.set(s.name, s.value);
  const r = new Evaluator({ sizes, values, definitions, shapeOf: (e) => ctx.shapes.get(e) }).evaluateName(of);
  return r.ok ? r.value.data[0] : undefined;
}

/** ∂f/∂X by central differences with step h (rows of numbers), or undefined where f is not defined. */
export function finiteDifferenceGradient(
  ctx: CheckContext, of: string, wrt: string, sizes: ReadonlyMap<string, number>, point: ReadonlyMap<string, Matrix>, h = 1e-6,
): number[][] | undefined {
  const x = point.get(wrt);
  if (!x) return undefined;
  const out: number[][] = Array.from({ length: x.rows }, () => new Array<number>(x.cols).fill(0));
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) {
      const at = (d: number): number | undefined => {
        const data = Float64Array.from(x.data);
        data[i + j * x.rows]! += d;
        return valueAt(ctx, of, sizes, new Map(point).set(wrt, { rows: x.rows, cols: x.cols, data }));
      };
      const plus = at(h);
      const minus = at(-h);
      if (plus === undefined || minus === undefined) return undefined;
      out[i]![j] = (plus - minus) / (2 * h);
    }
  }
  return out;
}
