// Hover on a `grad f wrt A, B` line or a claim `∂f/∂X = …`: the derived gradients and what the numbers say.
import type { Analysis } from '../analysis';
import { gradients, type GradientOptions, type GradientSet } from '../calculus/gradient';
import { checkClaim, type CheckResult } from '../numeric/check';
import { involvedPart } from '../numeric/involved';
import { formatRelError, sizesText } from '../numeric/check-text';
import { isScalar, sameShape } from '../shapes/shape';
import type { Statement } from '../syntax/ast';
import type { Span } from '../syntax/span';
import type { QueryContext } from './context';
import { codeBlock, escapeMarkdown, inlineCode, quote, shapeLabel } from './format';

export interface QueryOptions {
  /** Hover on `grad` lines and claims derives the gradients (default true); false shows what would be derived. */
  readonly gradients?: boolean;
  /** Check derived gradients and claims by finite differences (default true). */
  readonly check?: boolean;
  readonly tolerance?: number;
  readonly seed?: number;
  /** For a symmetric variable (setting mcalc.gradient.symmetric). */
  readonly symmetric?: 'unconstrained' | 'symmetric';
}

type Grad = Extract<Statement, { kind: 'grad' }>;
type Claim = Extract<Statement, { kind: 'claim' }>;

/** Derivations and checks are the expensive part of a hover: one per analysis, request and options. */
const memo = new WeakMap<Analysis, Map<string, unknown>>();

function remembered<T>(a: Analysis, key: string, compute: () => T): T {
  let m = memo.get(a);
  if (!m) memo.set(a, (m = new Map()));
  if (!m.has(key)) m.set(key, compute());
  return m.get(key) as T;
}

function gradientOptions(o: QueryOptions): GradientOptions {
  return {
    check: o.check !== false,
    ...(o.tolerance !== undefined ? { tolerance: o.tolerance } : {}),
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.symmetric !== undefined ? { symmetric: o.symmetric } : {}),
  };
}

/** Why ∂f/∂X cannot be derived, or undefined when it can. */
function obstacle(a: Analysis, of: string, wrt: string): string | undefined {
  const f = a.symbols.get(of);
  if (!f) return `${of} is not defined`;
  if (f.kind !== 'defined') return `${of} is declared, not defined: gradients are of defined scalars`;
  if (!f.shape) return `${of} has an error`;
  if (!isScalar(f.shape)) return `${of} is not a scalar`;
  const x = a.symbols.get(wrt);
  if (x?.kind !== 'declared') return `${wrt} is not a declared symbol`;
  if (!x.shape) return `${wrt} has an error in its shape`;
  return undefined;
}

/** One line on a numeric check: passed, failed, or why it could not be made. */
export function checkMarkdown(c: CheckResult | undefined): string {
  if (!c) return 'not checked numerically';
  const sizes = sizesText(c.sizes);
  const also = c.kind === 'checked' && c.alsoAt ? `, again at ${sizesText(c.alsoAt)}` : '';
  const at = `${sizes ? `sizes ${sizes}${also}; ` : ''}seed ${c.seed}`;
  if (c.kind === 'checked') {
    return c.passed
      ? `✓ agrees with the numbers: relative error ${formatRelError(c.relError)} (${at})`
      : `✗ **disagrees with the numbers**: relative error ${formatRelError(c.relError)} (${at})${c.withinSymmetric
        ? '; it agrees along symmetric directions: a gradient within symmetric matrices, but claims are checked as the unconstrained gradient'
        : ''}`;
  }
  return `the numeric check could not be made: ${escapeMarkdown(c.message)} (${at})`;
}

/** The gradients a `grad` line asks for (all of them, or the one under the cursor). */
export function gradHover(ctx: QueryContext, s: Grad, wrt: readonly string[], span: Span, options: QueryOptions): { span: Span; markdown: string } {
  const a = ctx.analysis;
  const of = s.of.name;
  const ready = wrt.filter((x) => !obstacle(a, of, x));
  const blocked = wrt.filter((x) => obstacle(a, of, x)).map((x) => `∂${of}/∂${x}: ${obstacle(a, of, x)}`);
  const parts: string[] = [];
  if (options.gradients === false) {
    const lines = ready.map((x) => `∂${of}/∂${x} : ${shapeLabel(a.symbols.get(x)?.shape)}`);
    if (lines.length) parts.push(codeBlock(lines.join('\n')), 'Gradient request: run *Derive* to see the results.');
  } else if (ready.length > 0) {
    const opts = gradientOptions(options);
    const requests = ready.map((x) => ({ of, wrt: x }));
    const set = remembered(a, `grad|${JSON.stringify([requests, opts])}`, () => gradients(a, requests, opts));
    parts.push(...renderSet(a, set));
  }
  if (blocked.length) parts.push(blocked.map((b) => `- ${escapeMarkdown(b)}`).join('\n'));
  if (parts.length === 0) parts.push(`${inlineCode(`grad ${of}`)}: nothing to derive`);
  return { span, markdown: parts.join('\n\n') };
}

function renderSet(a: Analysis, set: GradientSet): string[] {
  const code: string[] = [];
  const notes: string[] = [];
  for (const item of set.items) {
    const o = item.outcome;
    const name = `∂${item.of}/∂${item.wrt}`;
    if (!o.ok) {
      notes.push(`- ${inlineCode(name)}: could not be derived: ${escapeMarkdown(o.message)}`);
      continue;
    }
    code.push(`${name} = ${item.shown?.mcalc ?? o.result.mcalc}`);
    const conv = o.result.convention ? ` — ${escapeMarkdown(o.result.convention)} (setting ${inlineCode('mcalc.gradient.symmetric')})` : '';
    const shape = shapeLabel(a.symbols.get(item.wrt)?.shape);
    notes.push(`- ${inlineCode(name)} (${shape}): ${o.result.check ? checkMarkdown(o.result.check) : 'not checked numerically'}${conv}`);
  }
  for (const w of set.where) code.push(`  where ${w.name} = ${w.mcalc}    # ${w.shape}`);
  return [...(code.length ? [codeBlock(code.join('\n'))] : []), notes.join('\n')];
}

/** The claim's own check, under the same conditions as the W401 diagnostics (well-typed and error-free). */
function claimCheck(ctx: QueryContext, s: Claim, options: QueryOptions): CheckResult | string {
  const a = ctx.analysis;
  const overlaps = (x: Span): boolean => x.start < s.end && s.start < x.end;
  if (a.diagnostics.some((d) => d.severity === 'error' && overlaps(d.span))) return 'not checked: the claim has errors';
  const why = obstacle(a, s.of.name, s.wrt.name);
  if (why) return `not checked: ${why}`;
  const g = a.shapes.get(s.value);
  const x = a.symbols.get(s.wrt.name)!.shape!;
  const zero = s.value.kind === 'number' && s.value.value === 0;
  if (!g || !(sameShape(g, x) || zero)) return `not checked: the claim is not ${shapeLabel(x)}`;
  if (options.check === false) return 'not checked (numeric checks are off)';
  const opts = {
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}),
    ...(options.symmetric !== undefined ? { symmetric: options.symmetric } : {}),
  };
  // Over the part of the document the claim involves, as the diagnostic's check (claims-memo.ts): the same sizes, the same verdict.
  return remembered(a, `claim|${s.start}|${JSON.stringify(opts)}`,
    () => checkClaim({ ...a, ...involvedPart(a, [s.of.name, s.wrt.name], [s.value], s) }, s, opts));
}

/** A claim: what it says, whether the numbers agree, and the derived gradient beside it. */
export function claimHover(ctx: QueryContext, s: Claim, span: Span, options: QueryOptions): { span: Span; markdown: string } {
  const a = ctx.analysis;
  const name = `∂${s.of.name}/∂${s.wrt.name}`;
  const x = a.symbols.get(s.wrt.name);
  const parts = [codeBlock(`${name} = ${quote(ctx, s.value, 200)}`)];
  const own = a.shapes.get(s.value);
  const must = x?.kind === 'declared' && x.shape ? `; it must be ${shapeLabel(x.shape)}, the shape of ${inlineCode(s.wrt.name)}` : '';
  parts.push(`Claimed derivative${own ? `, ${shapeLabel(own)}` : ''}${must}.`);
  if (options.gradients === false) return { span, markdown: parts.join('\n\n') };
  const check = claimCheck(ctx, s, options);
  parts.push(`**The claim**: ${typeof check === 'string' ? escapeMarkdown(check) : checkMarkdown(check)}`);
  if (!obstacle(a, s.of.name, s.wrt.name)) {
    const opts = gradientOptions(options);
    const requests = [{ of: s.of.name, wrt: s.wrt.name }];
    const set = remembered(a, `grad|${JSON.stringify([requests, opts])}`, () => gradients(a, requests, opts));
    parts.push('**Derived**:', ...renderSet(a, set));
  }
  return { span, markdown: parts.join('\n\n') };
}
