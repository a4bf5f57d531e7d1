// A real `mcalc/derive` answer without a server: the core's gradient with the same field mapping as
// server/src/lsp/derive.ts (deriveRequest), passed through JSON as the language client would receive it.
import { analyze, gradient, shapeToString, type GradientOptions, type GradientResult } from '../../server/src/core';
import { variablesOf } from '../../server/src/core/queries';
import { cannotDerive, checkJson } from '../../server/src/lsp/derive';
import type { DeriveResponse, DeriveResultBody } from '../../server/src/protocol';

function resultJson(r: GradientResult): DeriveResultBody {
  return {
    mcalc: r.mcalc, latex: r.latex, numpy: r.numpy, shape: r.shape,
    steps: r.steps.map((s) => ({ label: s.label, latex: s.latex })),
    ...(r.check ? { check: checkJson(r.check) } : {}),
    ...(r.convention ? { convention: r.convention } : {}),
  };
}

export function deriveResponse(text: string, of: string, wrt: string, options: GradientOptions = {}): DeriveResponse {
  const a = analyze(text);
  const f = a.symbols.get(of);
  const candidates = f?.kind === 'defined'
    ? variablesOf(a, of).map((n) => a.symbols.get(n)!)
    : [...a.symbols.values()].filter((s) => s.kind === 'declared');
  const symbols = candidates.map((s) => ({ name: s.name, shape: s.shape ? shapeToString(s.shape) : '', properties: [...s.properties] }));
  const base = { of, wrt, fShape: f?.shape ? shapeToString(f.shape) : '', symbols, version: 1 };
  const why = cannotDerive(a, of, wrt);
  const out = why === undefined ? gradient(a, of, wrt, options) : { ok: false as const, message: why };
  const response: DeriveResponse = out.ok ? { ...base, result: resultJson(out.result) } : { ...base, error: out.message };
  return JSON.parse(JSON.stringify(response)) as DeriveResponse;
}
