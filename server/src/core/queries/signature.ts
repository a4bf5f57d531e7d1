// signatureHelpAt: inside a call `kron(A, |`, the function's signature and which argument is being typed.
import type { Analysis } from '../analysis';
import { FUNCTIONS } from '../syntax/functions';
import { context, lineOf, lineSpan, regionAt, statementAt } from './context';

export interface SignatureHelp {
  /** One spelling of the signature, e.g. `kron(A, B)`; for `ones`, the one with enough parameters. */
  readonly label: string;
  readonly documentation: string;
  readonly parameters: string[];
  /** Each parameter as [start, end) offsets into `label` (a name may also occur in the function's name). */
  readonly parameterOffsets: Array<[number, number]>;
  readonly activeParameter: number;
}

export function signatureHelpAt(a: Analysis, offset: number): SignatureHelp | null {
  if (!(offset >= 0 && offset <= a.text.length)) return null;
  const ctx = context(a);
  if (!regionAt(ctx, offset)) return null;
  const line = lineSpan(ctx, lineOf(ctx, offset));
  if (ctx.source.slice(line.start, offset).includes('#')) return null;
  // The call may have begun on an earlier line of the same statement (an open bracket continues it).
  const from = Math.min(line.start, statementAt(a, offset, true)?.start ?? line.start);
  const tokens = ctx.tokens.filter((t) => t.span.start >= from && t.span.end <= offset && t.kind !== 'newline');
  let depth = 0;
  let commas = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.kind === 'rparen' || t.kind === 'rangle') depth++;
    else if (t.kind === 'lparen' || t.kind === 'langle') {
      if (depth > 0) {
        depth--;
        continue;
      }
      const name = tokens[i - 1];
      const info = t.kind === 'lparen' && name?.kind === 'name' ? FUNCTIONS.get(name.text) : undefined;
      if (info && (name!.text !== 'I' || !t.spaceBefore)) return help(info.signature, info.doc, commas);
      // A grouping bracket: the commas seen so far were inside it; look for a call around it.
      commas = 0;
    } else if (t.kind === 'comma' && depth === 0) commas++;
  }
  return null;
}

/** Picks the spelling of the signature (`ones(m, n) / ones(n)`) that has room for the active parameter. */
function help(signature: string, documentation: string, active: number): SignatureHelp {
  const spellings = signature.split(' / ');
  const parsed = spellings.map((label) => ({ label, params: parameters(label) }));
  const pick = parsed.find((p) => p.params.length > active) ?? parsed.reduce((x, y) => (y.params.length > x.params.length ? y : x));
  const doc = spellings.length > 1 ? `${documentation} (${signature})` : documentation;
  return {
    label: pick.label, documentation: doc,
    parameters: pick.params.map(([s, e]) => pick.label.slice(s, e)),
    parameterOffsets: pick.params,
    activeParameter: Math.min(active, Math.max(0, pick.params.length - 1)),
  };
}

/** The [start, end) offsets of each parameter name in `f(a, b)`. */
function parameters(label: string): Array<[number, number]> {
  const open = label.indexOf('(');
  const close = label.lastIndexOf(')');
  if (open < 0 || close < open) return [];
  const out: Array<[number, number]> = [];
  let start = open + 1;
  for (const part of label.slice(open + 1, close).split(',')) {
    const lead = part.length - part.trimStart().length;
    out.push([start + lead, start + lead + part.trim().length]);
    start += part.length + 1;
  }
  return out.filter(([s, e]) => e > s);
}
