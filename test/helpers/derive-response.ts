// A real `mcalc/derive` answer without a server: the core's gradient mapped by server/src/lsp/derive.ts's own
// functions, passed through JSON as the language client would receive it.
import { analyze, gradient, type GradientOptions } from '../../server/src/core';
import { cannotDerive, responseBase, resultJson } from '../../server/src/lsp/derive';
import type { DeriveResponse } from '../../server/src/protocol';

export function deriveResponse(text: string, of: string, wrt: string, options: GradientOptions = {}): DeriveResponse {
  const a = analyze(text);
  const base = responseBase(a, of, wrt, 1);
  const why = cannotDerive(a, of, wrt);
  // The panel's request derives with the steps (lsp/derive.ts: shown).
  const out = why === undefined ? gradient(a, of, wrt, { steps: true, ...options }) : { ok: false as const, message: why };
  const response: DeriveResponse = out.ok ? { ...base, result: resultJson(out.result) } : { ...base, error: out.message };
  return JSON.parse(JSON.stringify(response)) as DeriveResponse;
}
