// Derivations for the editor: ∂f/∂X with the document's settings, the `∂f/∂X = …` line to insert, and `mcalc/derive`.
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import { shapeToString, type Analysis, type CheckResult, type GradientOutcome, type GradientResult } from '../core';
import { isScalar } from '../core/shapes/shape';
import { children, type Expr } from '../core/syntax/ast';
import type { Span } from '../core/syntax/span';
import { checkLine } from '../core/numeric/check-text';
import { deriveTargetsAt, variablesOf, type InsertPlacement } from '../core/queries';
import type { DeriveCheck, DeriveParams, DeriveResponse, DeriveResultBody } from '../protocol';
import type { ServerContext } from './context';
import { DerivationCancelled } from './derive-pool';
import type { Analyzed } from './documents';
import { cancelled, logError } from './guard';

/** The statements f depends on: its definition, and those of every symbol it uses, through definitions. */
function dependencyStatements(a: Analysis, of: string): Span[] {
  const seen = new Set<string>();
  const out: Span[] = [];
  const visit = (e: Expr): void => {
    if (e.kind === 'name') add(e.name);
    for (const c of children(e)) visit(c);
  };
  const add = (name: string): void => {
    const s = a.symbols.get(name);
    if (!s || seen.has(name)) return;
    seen.add(name);
    out.push(s.statementSpan);
    if (s.value) visit(s.value);
  };
  add(of);
  return out;
}

/** Why ∂f/∂X cannot be asked for in this document, or undefined if it can. */
export function cannotDerive(a: Analysis, of: string, wrt: string): string | undefined {
  const f = a.symbols.get(of);
  if (!f) return `${of} is not defined in the document`;
  if (f.kind !== 'defined') return `${of} is declared, not defined: gradients are of defined scalars (${of} = …)`;
  if (!f.shape) return `${of} has a shape error: fix it first`;
  if (!isScalar(f.shape)) return `${of} is ${shapeToString(f.shape)}, not a scalar`;
  const x = a.symbols.get(wrt);
  if (!x || x.kind !== 'declared') return `${wrt} is not a declared symbol of the document`;
  // Errors elsewhere in the document (another block, a line being typed) do not stop this derivation;
  // errors in the statements f depends on do.
  const statements = dependencyStatements(a, of);
  const blocking = a.diagnostics.find((d) => d.severity === 'error' && statements.some((s) => within(d.span, s)));
  return blocking ? `fix the error first: ${blocking.message}` : undefined;
}

function within(inner: Span, outer: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/**
 * Finished derivations of each analysis (one per version and settings), so code actions, resolve and requests share
 * them. Only answers are kept, not runs in flight: each caller runs its own, so one caller's cancellation never
 * cancels another's.
 */
const derived = new WeakMap<Analysis, Map<string, GradientOutcome>>();

/**
 * ∂f/∂X with the document's settings, derived in the worker thread. `shown`: for the panel, with the numeric check and
 * the derivation steps; false for edits, without either (the inserted claim is checked by the diagnostics).
 * Undefined when the token cancelled it.
 */
export async function deriveIn(
  ctx: ServerContext, analyzed: Analyzed, of: string, wrt: string, shown: boolean, token?: CancellationToken,
): Promise<GradientOutcome | undefined> {
  let memo = derived.get(analyzed.analysis);
  if (!memo) derived.set(analyzed.analysis, (memo = new Map()));
  const key = `${of}\u0000${wrt}\u0000${shown}`;
  const hit = memo.get(key);
  if (hit) return hit;
  const out = await deriveUncached(ctx, analyzed, of, wrt, shown, token);
  if (!out) return undefined;
  // An internal error (a worker that crashed or ran out of memory) is not remembered: asked again, it derives again.
  if (out.ok || !out.message.startsWith('internal error')) memo.set(key, out);
  return out;
}

async function deriveUncached(
  ctx: ServerContext, analyzed: Analyzed, of: string, wrt: string, shown: boolean, token?: CancellationToken,
): Promise<GradientOutcome | undefined> {
  const why = cannotDerive(analyzed.analysis, of, wrt);
  if (why) return { ok: false, message: why };
  const { settings } = analyzed;
  try {
    return await ctx.derivations.run({
      kind: 'gradient',
      text: analyzed.analysis.text,
      languageId: analyzed.analysis.languageId,
      of, wrt,
      check: shown && settings.check.enabled,
      steps: shown,
      tolerance: settings.check.tolerance,
      symmetric: settings.gradient.symmetric,
    }, token);
  } catch (e) {
    if (e instanceof DerivationCancelled) return undefined;
    logError(ctx.connection, `∂${of}/∂${wrt}`, e);
    return { ok: false, message: `internal error while deriving ∂${of}/∂${wrt} (logged in the server's output)` };
  }
}

/** Where a derivation asked for without a position goes: after the last `grad f wrt …X…` line, else after f's definition. */
export function defaultPlacement(a: Analysis, of: string, wrt: string): InsertPlacement | undefined {
  const grads = a.statements.filter((s) => s.kind === 'grad' && s.of.name === of && s.wrt.some((w) => w.name === wrt));
  const statement = grads.at(-1) ?? a.symbols.get(of)?.statementSpan;
  const target = statement && deriveTargetsAt(a, statement.start);
  return target?.of === of ? target : undefined;
}

export function checkJson(c: CheckResult): DeriveCheck {
  const summary = checkLine(c);
  return c.kind === 'checked'
    ? {
      passed: c.passed, relError: c.relError, sizes: c.sizes, seed: c.seed, evaluations: c.evaluations, summary,
      compared: { mode: c.mode, ...c.compared },
    }
    : { passed: null, relError: null, sizes: c.sizes, seed: c.seed, evaluations: c.evaluations, unavailable: c.message, summary };
}

export function resultJson(r: GradientResult): DeriveResultBody {
  return {
    mcalc: r.mcalc, latex: r.latex, numpy: r.numpy, shape: r.shape,
    steps: (r.steps ?? []).map((s) => ({ label: s.label, latex: s.latex })),
    ...(r.check ? { check: checkJson(r.check) } : {}),
    ...(r.convention ? { convention: `${r.convention} (setting mcalc.gradient.symmetric)` } : {}),
  };
}

/** What a `mcalc/derive` answer says whether or not the derivation succeeds: f's shape and its candidate variables. */
export function responseBase(a: Analysis, of: string, wrt: string, version: number): Omit<DeriveResponse, 'result' | 'error'> {
  const f = a.symbols.get(of);
  const candidates = f?.kind === 'defined' ? variablesOf(a, of).map((n) => a.symbols.get(n)!) : [...a.symbols.values()].filter((s) => s.kind === 'declared');
  const symbols = candidates.map((s) => ({ name: s.name, shape: s.shape ? shapeToString(s.shape) : '', properties: [...s.properties] }));
  return { of, wrt, fShape: f?.shape ? shapeToString(f.shape) : '', symbols, version };
}

/** `mcalc/derive`: computed from the document as it is now; `version` says which version that was. */
export async function deriveRequest(
  ctx: ServerContext, params: DeriveParams, token: CancellationToken,
): Promise<DeriveResponse | ResponseError<void>> {
  const { of, wrt } = params;
  if (typeof of !== 'string' || typeof wrt !== 'string' || typeof params.textDocument?.uri !== 'string') {
    return new ResponseError(ErrorCodes.InvalidParams, 'mcalc/derive needs {textDocument: {uri}, of, wrt}');
  }
  const analyzed = await ctx.store.analysis(params.textDocument.uri);
  if (!analyzed) return { of, wrt, fShape: '', symbols: [], error: 'the document is not open in the server', version: null };
  const base = responseBase(analyzed.analysis, of, wrt, analyzed.version);
  if (await cancelled(token)) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
  const out = await deriveIn(ctx, analyzed, of, wrt, true, token);
  if (!out) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
  // A cancellation that came as the answer did is read now: the client has no use for it.
  if (await cancelled(token)) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
  return out.ok ? { ...base, result: resultJson(out.result) } : { ...base, error: out.message };
}
