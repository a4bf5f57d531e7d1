// How a numeric check reads in one line of plain text — the same words in the CLI, the server and the panel.
import type { CheckResult } from './check';

export function sizesText(sizes: Readonly<Record<string, number>>): string {
  return Object.entries(sizes).map(([k, v]) => `${k} = ${v}`).join(', ');
}

/** A relative error as prose gives it: 0.41, 2, 3.1e-5, 1.2e+3 (used in diagnostics and hovers). */
export function formatRelError(x: number): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return String(x);
  return x >= 1e3 || x < 1e-3 ? x.toExponential(1) : String(Number(x.toPrecision(2)));
}

/** 0, or a relative error in the CLI's fixed style: 4.3e-12. */
export function relErrorText(x: number): string {
  return x === 0 ? '0' : x.toExponential(1);
}

export function checkLine(c: CheckResult): string {
  const at = Object.keys(c.sizes).length ? ` at ${sizesText(c.sizes)}` : '';
  const how = `(seed ${c.seed}, ${c.evaluations} evaluations)`;
  if (c.kind !== 'checked') return `numeric check: not made — ${c.message}${at} ${how}`;
  return `numeric check: ${c.passed ? 'passed' : 'FAILED'} — relative error ${relErrorText(c.relError)} against finite differences${at} ${how}`;
}
