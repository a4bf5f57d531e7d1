// What "Derive Gradient…" can offer in a document: each scalar definition f with the declared symbols it depends on.
// The core is pure, so the quick pick needs no round trip to the server; the entry point of dist/targets.js, which
// the first quick pick loads (bundles.ts).
import { analyze, shapeToString } from '../../server/src/core';
import { deriveTargetsAt, variablesOf } from '../../server/src/core/queries';
import { isScalarDefinition } from '../../server/src/core/queries/variables';

export interface DerivableFunction {
  readonly of: string;
  /** The line of f's definition (0-based), for the quick pick's detail. */
  readonly line: number;
  readonly wrt: readonly { readonly name: string; readonly shape: string }[];
}

export interface Derivables {
  readonly functions: readonly DerivableFunction[];
  /** The target of the statement under the cursor (a scalar definition, `grad` line or claim), if any. */
  readonly atCursor?: { readonly of: string; readonly wrt: readonly string[] };
}

export function derivables(text: string, languageId: string, cursorOffset: number): Derivables {
  const a = analyze(text, languageId === 'markdown' ? 'markdown' : 'mcalc', { checkClaims: false });
  const functions: DerivableFunction[] = [];
  for (const sym of a.symbols.values()) {
    if (!isScalarDefinition(sym)) continue;
    const wrt = variablesOf(a, sym.name).map((name) => {
      const shape = a.symbols.get(name)?.shape;
      return { name, shape: shape ? shapeToString(shape) : '?' };
    });
    if (wrt.length === 0) continue;
    const line = text.slice(0, sym.nameSpan.start).split('\n').length - 1;
    functions.push({ of: sym.name, line, wrt });
  }
  const target = deriveTargetsAt(a, cursorOffset);
  return { functions, ...(target ? { atCursor: { of: target.of, wrt: target.wrt } } : {}) };
}
